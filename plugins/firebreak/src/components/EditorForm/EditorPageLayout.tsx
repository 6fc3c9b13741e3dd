import { Content, Header, Page } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import Alert from '@material-ui/lab/Alert';
import { ReactNode } from 'react';
import { onCallRouteRef } from '../../routes';
import { EditorPage } from './useEditorPage';

/**
 * The page around an on-call editor's form: its header under On-call, the notice a save or
 * delete left, and why the viewer may not save, if they may not.
 *
 * @internal
 */
export function EditorPageLayout<Draft>(props: {
  page: EditorPage<Draft>;
  children: ReactNode;
}) {
  const { item, wording, allowed, actions } = props.page;
  const { notice, dismissNotice } = actions;
  const onCallLink = useRouteRef(onCallRouteRef);
  return (
    <Page themeId="tool">
      <Header
        title={item ? `Edit ${item.name}` : wording.newTitle}
        type="On-call"
        typeLink={onCallLink()}
      />
      <Content>
        {notice && (
          <Alert
            severity={notice.severity}
            onClose={dismissNotice}
            style={{ marginBottom: 24 }}
          >
            {notice.message}
          </Alert>
        )}
        {!allowed && (
          <Alert severity="info" style={{ marginBottom: 24 }}>
            {wording.mayNotUpdate.notice}
          </Alert>
        )}
        {props.children}
      </Content>
    </Page>
  );
}

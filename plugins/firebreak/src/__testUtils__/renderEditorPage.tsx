import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { ReactElement } from 'react';
import { Route, Routes, useParams } from 'react-router-dom';
import { FirebreakApi } from '../api';
import { mountedRoutes, testApis } from './mockFirebreakApi';

function SavedPage(props: { text: string }) {
  return (
    <p>
      {props.text} {useParams().id}
    </p>
  );
}

/**
 * Renders an on-call editor at `path` under its routes: `<base>/new`, `<base>/:id/edit`, and
 * `<base>/:id`, where a save lands and which says "`<savedText>` `<id>`".
 */
export async function renderEditorPage(
  api: FirebreakApi,
  path: string,
  options: { editor: ReactElement; base: string; savedText: string },
) {
  const { editor, base, savedText } = options;
  await renderInTestApp(
    <TestApiProvider apis={testApis(api)}>
      <Routes>
        <Route path={`${base}/new`} element={editor} />
        <Route path={`${base}/:id/edit`} element={editor} />
        <Route path={`${base}/:id`} element={<SavedPage text={savedText} />} />
      </Routes>
    </TestApiProvider>,
    { routeEntries: [path], mountedRoutes },
  );
}

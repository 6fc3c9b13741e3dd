import {
  Entity,
  parseEntityRef,
  RELATION_OWNED_BY,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { getEntityRelations, useEntity } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import { useSignal } from '@backstage/plugin-signals-react';
import {
  EntityRunbook,
  FIREBREAK_RUNBOOKS_SIGNAL_CHANNEL,
  firebreakRunbookCreatePermission,
  firebreakRunbookUpdatePermission,
  Runbook,
  runbookOwnerResourceRef,
} from '@firebreak/backstage-plugin-common';
import Button from '@material-ui/core/Button';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemSecondaryAction from '@material-ui/core/ListItemSecondaryAction';
import ListItemText from '@material-ui/core/ListItemText';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import MenuBookIcon from '@material-ui/icons/MenuBook';
import Alert from '@material-ui/lab/Alert';
import { useEffect, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { firebreakApiRef } from '../../api';
import { describeFailure } from '../../api/failures';
import { RunbookEditorDialog } from './RunbookEditorDialog';
import { entityName, RunbookLink } from './RunbookLink';
import { RunbookVersionsDialog } from './RunbookVersionsDialog';

/** Shown when the button cannot be used, so the reader knows why. */
export const NO_OWNER_REASON =
  'This entity has no owner group in the catalog: set spec.owner to a group to store runbooks for it.';
export const CREATE_DENIED_REASON =
  "Only the owner team may store runbooks for this entity. Ask a member of the owner group, or add a link to the entity's firebreak.dev/runbooks annotation.";
export const UPDATE_DENIED_REASON =
  'Only the owner team of this runbook may edit it.';

function ownerOf(entity: Entity): string | undefined {
  const group = getEntityRelations(entity, RELATION_OWNED_BY, {
    kind: 'group',
  })[0];
  if (group) {
    return stringifyEntityRef(group).toLocaleLowerCase('en-US');
  }
  // Before the catalog has computed relations (and in tests), spec.owner says the same.
  const owner = entity.spec?.owner;
  if (typeof owner !== 'string') return undefined;
  try {
    const ref = parseEntityRef(owner, {
      defaultKind: 'group',
      defaultNamespace: entity.metadata.namespace ?? 'default',
    });
    return ref.kind.toLocaleLowerCase('en-US') === 'group'
      ? stringifyEntityRef(ref).toLocaleLowerCase('en-US')
      : undefined;
  } catch {
    return undefined;
  }
}

function StoredRow(props: {
  item: EntityRunbook;
  onEdit: () => void;
  onHistory: () => void;
}) {
  const { item } = props;
  const { allowed, loading } = usePermission({
    permission: firebreakRunbookUpdatePermission,
    resourceRef: `runbook:${item.id}`,
  });
  return (
    <ListItem disableGutters>
      <ListItemIcon>
        <MenuBookIcon fontSize="small" />
      </ListItemIcon>
      <ListItemText
        primary={item.title}
        secondary={[
          `Stored, version ${item.version}`,
          item.ownerRef && `owned by ${entityName(item.ownerRef)}`,
          item.severities?.length
            ? `for ${item.severities.join(', ')}`
            : 'for every severity',
        ]
          .filter(Boolean)
          .join(' · ')}
      />
      <ListItemSecondaryAction>
        <Button size="small" onClick={props.onHistory}>
          History
        </Button>
        <Tooltip title={allowed || loading ? '' : UPDATE_DENIED_REASON}>
          <span>
            <Button
              size="small"
              disabled={!allowed}
              onClick={props.onEdit}
              aria-label={`Edit ${item.title}`}
            >
              Edit
            </Button>
          </span>
        </Tooltip>
      </ListItemSecondaryAction>
    </ListItem>
  );
}

/**
 * An entity's runbooks from every source, with a "New runbook" editor for its owner team and
 * each stored runbook's editor and history.
 *
 * @internal
 */
export function EntityRunbooksCard() {
  const { entity } = useEntity();
  const api = useApi(firebreakApiRef);
  const entityRef = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
  const ownerRef = ownerOf(entity);
  const [changes, setChanges] = useState(0);
  const { lastSignal } = useSignal(FIREBREAK_RUNBOOKS_SIGNAL_CHANNEL);
  useEffect(() => {
    if (lastSignal) setChanges(count => count + 1);
  }, [lastSignal]);
  const state = useAsync(
    () => api.listEntityRunbooks(entityRef),
    [api, entityRef, changes],
  );
  const settings = useAsync(() => api.getSettings(), [api]);
  const create = usePermission({
    permission: firebreakRunbookCreatePermission,
    resourceRef: ownerRef ? runbookOwnerResourceRef(ownerRef) : '',
  });
  const canCreate = !!ownerRef && create.allowed;
  const [editing, setEditing] = useState<{ runbook?: Runbook }>();
  const [history, setHistory] = useState<EntityRunbook>();
  const [problem, setProblem] = useState<string>();

  const openEditor = async (item: EntityRunbook) => {
    setProblem(undefined);
    try {
      setEditing({ runbook: await api.getRunbook(item.id!) });
    } catch (error) {
      setProblem(`Could not open the runbook: ${describeFailure(error)}`);
    }
  };

  let createReason = '';
  if (!ownerRef) {
    createReason = NO_OWNER_REASON;
  } else if (!create.loading && !create.allowed) {
    createReason = CREATE_DENIED_REASON;
  }
  const action = (
    <Tooltip title={createReason}>
      <span>
        <Button
          variant="outlined"
          color="primary"
          disabled={!canCreate}
          onClick={() => setEditing({})}
        >
          New runbook
        </Button>
      </span>
    </Tooltip>
  );

  let content;
  if (state.loading && !state.value) {
    content = <Progress />;
  } else if (state.error) {
    content = (
      <ResponseErrorPanel
        error={state.error}
        title="Could not load the runbooks; reload the page to try again"
      />
    );
  } else if (!state.value?.items.length) {
    content = (
      <>
        <Typography>No runbooks for {entity.metadata.name}</Typography>
        <Typography variant="body2" color="textSecondary">
          Add runbook URLs to the <code>firebreak.dev/runbooks</code>{' '}
          annotation, a catalog link of type <code>runbook</code>, or store a
          runbook here with a checklist responders tick during incidents.
        </Typography>
      </>
    );
  } else {
    content = (
      <List dense disablePadding aria-label="Runbooks">
        {state.value.items.map(item =>
          item.source === 'stored' ? (
            <StoredRow
              key={`stored:${item.id}`}
              item={item}
              onEdit={() => openEditor(item)}
              onHistory={() => setHistory(item)}
            />
          ) : (
            <ListItem key={`${item.source}:${item.url}`} disableGutters>
              <ListItemIcon>
                <MenuBookIcon fontSize="small" />
              </ListItemIcon>
              <ListItemText
                primary={<RunbookLink title={item.title} url={item.url} />}
                secondary={
                  item.source === 'annotation'
                    ? 'From the firebreak.dev/runbooks annotation'
                    : 'From the catalog links'
                }
              />
            </ListItem>
          ),
        )}
      </List>
    );
  }

  return (
    <InfoCard title="Runbooks" action={action}>
      {!canCreate && createReason && (
        <Typography variant="body2" color="textSecondary">
          {createReason}
        </Typography>
      )}
      {problem && (
        <Alert severity="error" onClose={() => setProblem(undefined)}>
          {problem}
        </Alert>
      )}
      {content}
      <RunbookEditorDialog
        open={!!editing}
        runbook={editing?.runbook}
        entityRef={entityRef}
        ownerRef={ownerRef ?? ''}
        severityOptions={(settings.value?.severities ?? []).map(s => s.id)}
        onClose={() => setEditing(undefined)}
        onSaved={() => {
          setEditing(undefined);
          setChanges(count => count + 1);
        }}
      />
      <RunbookVersionsDialog
        runbookId={history?.id}
        title={history?.title ?? ''}
        onClose={() => setHistory(undefined)}
      />
    </InfoCard>
  );
}

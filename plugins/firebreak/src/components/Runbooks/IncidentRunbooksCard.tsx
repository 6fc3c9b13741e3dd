import {
  InfoCard,
  MarkdownContent,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  firebreakActionItemCreatePermission,
  Incident,
  IncidentRunbook,
  IncidentRunbookStep,
} from '@firebreak/backstage-plugin-common';
import Accordion from '@material-ui/core/Accordion';
import AccordionDetails from '@material-ui/core/AccordionDetails';
import AccordionSummary from '@material-ui/core/AccordionSummary';
import Checkbox from '@material-ui/core/Checkbox';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemSecondaryAction from '@material-ui/core/ListItemSecondaryAction';
import ListItemText from '@material-ui/core/ListItemText';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import MenuBookIcon from '@material-ui/icons/MenuBook';
import Alert from '@material-ui/lab/Alert';
import { ReactNode, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { firebreakApiRef } from '../../api';
import { describeFailure } from '../../api/failures';
import { formatIncidentInstant } from '../IncidentPage/formatIncidentInstant';
import { entityName, RunbookLink } from './RunbookLink';
import { UpdateRunbookButton } from './UpdateRunbookButton';

/** Why the checklist cannot be ticked by this user. */
export const TICK_DENIED_REASON =
  'You may not update this incident, so you cannot tick its runbook steps. Join it as a responder or ask its commander.';

function StepRow(props: {
  step: IncidentRunbookStep;
  canTick: boolean;
  busy: boolean;
  onTick: (done: boolean) => void;
}) {
  const { step, canTick, busy } = props;
  const labelId = `runbook-step-${step.id}`;
  const checkbox = (
    <Checkbox
      edge="start"
      checked={step.done}
      disabled={!canTick || busy}
      onChange={event => props.onTick(event.target.checked)}
      inputProps={{ 'aria-labelledby': labelId }}
    />
  );
  const tick = step.lastTick;
  return (
    <ListItem disableGutters alignItems="flex-start">
      <ListItemIcon>
        {canTick ? (
          checkbox
        ) : (
          <Tooltip title={TICK_DENIED_REASON}>
            <span>{checkbox}</span>
          </Tooltip>
        )}
      </ListItemIcon>
      <ListItemText
        primary={
          <>
            <span id={labelId}>{step.title}</span>{' '}
            {step.url && <RunbookLink title="open" url={step.url} />}
          </>
        }
        secondary={
          <>
            {step.body && <MarkdownContent content={step.body} />}
            {tick && (
              <Typography variant="caption" component="span">
                {tick.done ? 'Ticked' : 'Unticked'} by{' '}
                {entityName(tick.actorRef)} {formatIncidentInstant(tick.at)}{' '}
                (version {tick.version})
              </Typography>
            )}
          </>
        }
        secondaryTypographyProps={{ component: 'div' }}
      />
    </ListItem>
  );
}

function StoredRunbook(props: {
  runbook: IncidentRunbook;
  canTick: boolean;
  onTick: (step: IncidentRunbookStep, done: boolean) => Promise<void>;
  /** "Update this runbook", below the checklist. */
  updateButton: ReactNode;
}) {
  const { runbook, canTick } = props;
  const [busy, setBusy] = useState<string>();
  const steps = runbook.steps ?? [];
  const done = steps.filter(step => step.done).length;
  return (
    <Accordion
      defaultExpanded={false}
      TransitionProps={{ unmountOnExit: true }}
    >
      <AccordionSummary expandIcon={<ExpandMoreIcon />}>
        <Typography>
          {runbook.title}{' '}
          <Typography variant="caption" color="textSecondary" component="span">
            {steps.length > 0 && `${done}/${steps.length} steps · `}v
            {runbook.version}
          </Typography>
        </Typography>
      </AccordionSummary>
      <AccordionDetails style={{ display: 'block' }}>
        {runbook.body && <MarkdownContent content={runbook.body} />}
        {!canTick && steps.length > 0 && (
          <Typography variant="body2" color="textSecondary">
            {TICK_DENIED_REASON}
          </Typography>
        )}
        <List dense disablePadding aria-label={`${runbook.title} checklist`}>
          {steps.map(step => (
            <StepRow
              key={step.id}
              step={step}
              canTick={canTick}
              busy={busy === step.id}
              onTick={async checked => {
                setBusy(step.id);
                try {
                  await props.onTick(step, checked);
                } finally {
                  setBusy(undefined);
                }
              }}
            />
          ))}
        </List>
        {props.updateButton}
      </AccordionDetails>
    </Accordion>
  );
}

/**
 * The runbooks of an incident's impacted entities: links that open in a new tab, and stored
 * runbooks with their checklist, which responders tick as they go. Each has "Update this
 * runbook", which adds an action item to the incident for it.
 *
 * @internal
 */
export function IncidentRunbooksCard(props: {
  incident: Incident;
  canUpdate: boolean;
  /** Changes whenever the incident or its timeline changed: the list is read again. */
  changes?: number;
}) {
  const { incident, canUpdate, changes } = props;
  const api = useApi(firebreakApiRef);
  const [ticks, setTicks] = useState(0);
  const [problem, setProblem] = useState<string>();
  const mayAddItems = usePermission({
    permission: firebreakActionItemCreatePermission,
    resourceRef: incident.id,
  });
  const updateButton = (runbook: IncidentRunbook) => (
    <UpdateRunbookButton
      incident={incident}
      runbook={runbook}
      allowed={mayAddItems.loading ? undefined : mayAddItems.allowed}
    />
  );
  const state = useAsync(
    () => api.getIncidentRunbooks(incident.id),
    // Entities and severity change which runbooks apply: the version follows every change.
    [api, incident.id, incident.version, changes, ticks],
  );
  const names =
    incident.entityRefs.map(entityName).join(', ') || 'this incident';

  const tick = async (
    runbook: IncidentRunbook,
    step: IncidentRunbookStep,
    done: boolean,
  ) => {
    setProblem(undefined);
    try {
      await api.tickRunbookStep(incident.id, {
        runbookId: runbook.id!,
        version: runbook.version!,
        stepId: step.id,
        done,
      });
    } catch (error) {
      setProblem(`Could not record the step: ${describeFailure(error)}`);
    }
    setTicks(count => count + 1);
  };

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
        <Typography>
          No runbooks for {names} at {incident.severity}
        </Typography>
        <Typography variant="body2" color="textSecondary">
          Stored runbooks kept for other severities are not shown. Add runbook
          URLs to the entity's <code>firebreak.dev/runbooks</code> annotation,
          or store a runbook on its Incidents tab.
        </Typography>
      </>
    );
  } else {
    const items = state.value.items;
    const links = items.filter(item => item.source !== 'stored');
    const stored = items.filter(item => item.source === 'stored');
    content = (
      <>
        {links.length > 0 && (
          <List dense disablePadding aria-label="Runbook links">
            {links.map(item => (
              <ListItem key={`${item.source}:${item.url}`} disableGutters>
                <ListItemIcon>
                  <MenuBookIcon fontSize="small" />
                </ListItemIcon>
                <ListItemText
                  primary={<RunbookLink title={item.title} url={item.url} />}
                  secondary={item.entityRefs.map(entityName).join(', ')}
                />
                <ListItemSecondaryAction>
                  {updateButton(item)}
                </ListItemSecondaryAction>
              </ListItem>
            ))}
          </List>
        )}
        {stored.map(runbook => (
          <StoredRunbook
            key={runbook.id}
            runbook={runbook}
            canTick={canUpdate}
            onTick={(step, done) => tick(runbook, step, done)}
            updateButton={updateButton(runbook)}
          />
        ))}
      </>
    );
  }
  return (
    <InfoCard title="Runbooks">
      {problem && (
        <Alert severity="error" onClose={() => setProblem(undefined)}>
          {problem}
        </Alert>
      )}
      {content}
    </InfoCard>
  );
}

import { Content, Header, Page } from '@backstage/core-components';
import {
  ActionItemStatus,
  ACTION_ITEM_STATUSES,
} from '@firebreak/backstage-plugin-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Grid from '@material-ui/core/Grid';
import Paper from '@material-ui/core/Paper';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { useState } from 'react';
import { ListActionItemsRequest } from '../../api';
import { SingleEntityPicker } from '../CatalogEntityPicker/SingleEntityPicker';
import { FirebreakTabs } from '../FirebreakPage/FirebreakTabs';
import { FollowUpsCard } from './FollowUpsCard';
import { STATUS_LABELS } from './format';

type StatusChoice = 'pending' | 'any' | ActionItemStatus;

const STATUS_FILTERS: Record<StatusChoice, ActionItemStatus[] | undefined> = {
  pending: ['open', 'in_progress'],
  any: undefined,
  ...(Object.fromEntries(
    ACTION_ITEM_STATUSES.map(status => [status, [status]]),
  ) as Record<ActionItemStatus, ActionItemStatus[]>),
};

function ClearablePicker(props: {
  id: string;
  label: string;
  kinds: string[];
  value?: string;
  onChange: (ref?: string) => void;
  noMatchText: string;
}) {
  return (
    <Box display="flex" alignItems="center" style={{ gap: 8 }}>
      <Box flexGrow={1}>
        <SingleEntityPicker
          id={props.id}
          label={props.label}
          kinds={props.kinds}
          value={props.value}
          onChange={props.onChange}
          noMatchText={props.noMatchText}
          helperText={props.value ? ' ' : 'Anyone'}
        />
      </Box>
      {props.value && (
        <Button
          size="small"
          aria-label={`Clear ${props.label.toLocaleLowerCase('en-US')}`}
          onClick={() => props.onChange(undefined)}
        >
          Clear
        </Button>
      )}
    </Box>
  );
}

/**
 * The `/firebreak/follow-ups` page: action items across the organisation, filtered by owner,
 * entity, status and whether they are overdue.
 *
 * @internal
 */
export function FollowUpsPage() {
  const [ownerRef, setOwnerRef] = useState<string>();
  const [entityRef, setEntityRef] = useState<string>();
  const [status, setStatus] = useState<StatusChoice>('pending');
  const [overdue, setOverdue] = useState(false);
  const filter: ListActionItemsRequest = {
    ...(ownerRef ? { ownerRef } : {}),
    ...(entityRef ? { entityRef } : {}),
    ...(STATUS_FILTERS[status] ? { status: STATUS_FILTERS[status] } : {}),
    ...(overdue ? { overdue: true } : {}),
    limit: 100,
  };
  return (
    <Page themeId="tool">
      <Header
        title="Follow-ups"
        subtitle="Action items from incidents and postmortems, overdue first"
      />
      <FirebreakTabs selected="follow-ups" />
      <Content>
        <Grid container spacing={3}>
          {/* On a card: the page's grey is too dark for the fields' grey labels (WCAG AA). */}
          <Grid item xs={12}>
            <Paper style={{ padding: 16 }}>
              <Grid container spacing={2} alignItems="flex-start">
                <Grid item xs={12} md={3}>
                  <ClearablePicker
                    id="firebreak-follow-ups-owner"
                    label="Owner"
                    kinds={['user', 'group']}
                    value={ownerRef}
                    onChange={setOwnerRef}
                    noMatchText="Nobody and no team by that name"
                  />
                </Grid>
                <Grid item xs={12} md={3}>
                  <ClearablePicker
                    id="firebreak-follow-ups-entity"
                    label="Entity"
                    kinds={['component', 'system', 'resource', 'api', 'group']}
                    value={entityRef}
                    onChange={setEntityRef}
                    noMatchText="Nothing in the catalog by that name"
                  />
                </Grid>
                <Grid item xs={6} md={3}>
                  <TextField
                    id="firebreak-follow-ups-status"
                    select
                    fullWidth
                    label="Statuses shown"
                    value={status}
                    onChange={e => setStatus(e.target.value as StatusChoice)}
                  >
                    <MenuItem value="pending">Open or in progress</MenuItem>
                    <MenuItem value="any">Any status</MenuItem>
                    {ACTION_ITEM_STATUSES.map(s => (
                      <MenuItem key={s} value={s}>
                        {STATUS_LABELS[s]}
                      </MenuItem>
                    ))}
                  </TextField>
                </Grid>
                <Grid item xs={6} md={3}>
                  <FormControlLabel
                    control={
                      <Checkbox
                        checked={overdue}
                        onChange={e => setOverdue(e.target.checked)}
                      />
                    }
                    label="Overdue only"
                  />
                </Grid>
              </Grid>
            </Paper>
          </Grid>
          <Grid item xs={12}>
            <FollowUpsCard
              title="Action items"
              filter={filter}
              emptyMessage="No action items match these filters. Clear a filter, or choose “Any status” to see finished items."
            />
          </Grid>
        </Grid>
      </Content>
    </Page>
  );
}

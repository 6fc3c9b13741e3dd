import { CopyTextButton, InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import { firebreakOnCallUpdatePermission } from '@firebreak/backstage-plugin-common';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { firebreakApiRef } from '../../api';
import { describeFailure } from '../../api/failures';
import { RotateCalendarFeedButton } from '../RotateCalendarFeedButton';

/**
 * The address of a schedule's iCal feed, to subscribe to in a calendar app; its owners may
 * replace it.
 *
 * @internal
 */
export function CalendarFeedCard(props: { scheduleId: string }) {
  const api = useApi(firebreakApiRef);
  const feed = useAsync(
    () => api.getCalendarFeedUrl(props.scheduleId),
    [api, props.scheduleId],
  );
  const [rotated, setRotated] = useState<string>();
  const { allowed: canRotate } = usePermission({
    permission: firebreakOnCallUpdatePermission,
    resourceRef: `schedule:${props.scheduleId}`,
  });
  const address = rotated ?? feed.value;
  return (
    <InfoCard title="Calendar feed">
      <Typography variant="body2" paragraph>
        Subscribe to this schedule in your calendar app (add a calendar “from
        URL”) to see its shifts next to your meetings.
      </Typography>
      {feed.error && (
        <Typography variant="body2" color="error">
          No feed address: {describeFailure(feed.error)}
        </Typography>
      )}
      {address && (
        <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
          <TextField
            id="firebreak-calendar-feed"
            label="iCal feed address"
            value={address}
            InputProps={{ readOnly: true }}
            onFocus={e => e.target.select()}
            fullWidth
            variant="outlined"
            size="small"
          />
          <CopyTextButton
            text={address}
            aria-label="Copy the iCal feed address"
          />
        </div>
      )}
      <Typography variant="caption" color="textSecondary">
        The address holds a secret: share it only with people who may see this
        schedule.
        {canRotate && ' If it got out, replace it: the old one stops working.'}
      </Typography>
      {canRotate && address && (
        <div>
          <RotateCalendarFeedButton
            scheduleId={props.scheduleId}
            onRotated={setRotated}
          />
        </div>
      )}
    </InfoCard>
  );
}

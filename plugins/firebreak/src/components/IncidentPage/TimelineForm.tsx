import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { useState } from 'react';

/**
 * What the timeline form posts: a note for the responders, or a status update.
 *
 * @internal
 */
export type TimelinePost = {
  kind: 'note' | 'status_update';
  text: string;
};

/**
 * Posts a note or a status update to an incident's timeline; the text clears once posted.
 *
 * @internal
 */
export function TimelineForm(props: {
  onPost: (post: TimelinePost) => Promise<void>;
}) {
  const [text, setText] = useState('');
  const [kind, setKind] = useState<TimelinePost['kind']>('status_update');
  const [busy, setBusy] = useState(false);
  return (
    <form
      onSubmit={async e => {
        e.preventDefault();
        setBusy(true);
        try {
          await props.onPost({ kind, text });
          setText('');
        } finally {
          setBusy(false);
        }
      }}
    >
      <Grid container spacing={1} alignItems="flex-end">
        <Grid item>
          <TextField
            id="firebreak-timeline-kind"
            select
            label="Post"
            value={kind}
            onChange={e => setKind(e.target.value as typeof kind)}
          >
            <MenuItem value="status_update">Status update</MenuItem>
            <MenuItem value="note">Note</MenuItem>
          </TextField>
        </Grid>
        <Grid item xs>
          <TextField
            id="firebreak-timeline-text"
            label={kind === 'note' ? 'Note' : 'Status update'}
            value={text}
            onChange={e => setText(e.target.value)}
            fullWidth
          />
        </Grid>
        <Grid item>
          <Button
            type="submit"
            variant="contained"
            color="primary"
            disabled={busy || !text.trim()}
          >
            Post
          </Button>
        </Grid>
      </Grid>
    </form>
  );
}

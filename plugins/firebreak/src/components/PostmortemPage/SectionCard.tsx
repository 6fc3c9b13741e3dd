import { InfoCard, MarkdownContent } from '@backstage/core-components';
import { PostmortemSection } from '@firebreak/backstage-plugin-common';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { useState } from 'react';

/**
 * What saving a section came to: saved, refused because someone else saved first (the page
 * has reloaded), or failed with a message.
 *
 * @internal
 */
export type SaveOutcome =
  | { kind: 'saved' }
  | { kind: 'conflict' }
  | { kind: 'failed'; message: string };

const CONFLICT_TEXT =
  'Someone else saved this postmortem first, and it has been reloaded: your text below was NOT saved. Copy it, compare it with the section as it is now (shown above), then save again.';

/**
 * One section of a postmortem: its Markdown rendered (sanitised), and for those who may edit,
 * a text area saved against the version it was read at. A refused save keeps the text.
 *
 * @internal
 */
export function SectionCard(props: {
  section: PostmortemSection;
  /** Why the section cannot be edited; undefined when it can. */
  readOnlyReason?: string;
  onSave: (body: string) => Promise<SaveOutcome>;
}) {
  const { section, readOnlyReason, onSave } = props;
  const [draft, setDraft] = useState<string>();
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string>();
  const editing = draft !== undefined;
  const inputId = `postmortem-section-${section.id}`;

  const save = async () => {
    setSaving(true);
    setProblem(undefined);
    const outcome = await onSave(draft ?? '');
    setSaving(false);
    if (outcome.kind === 'saved') {
      setDraft(undefined);
    } else {
      setProblem(
        outcome.kind === 'conflict'
          ? CONFLICT_TEXT
          : `Not saved: ${outcome.message}`,
      );
    }
  };

  return (
    <InfoCard title={section.title}>
      {section.body.trim() ? (
        <MarkdownContent content={section.body} />
      ) : (
        <Typography variant="body2" color="textSecondary">
          Nothing written yet.
          {readOnlyReason ? '' : ' Edit this section to add it.'}
        </Typography>
      )}
      {editing && (
        <>
          {problem && (
            <Alert severity="warning" style={{ marginTop: 16 }}>
              {problem}
            </Alert>
          )}
          <TextField
            id={inputId}
            label={`${section.title} (Markdown)`}
            multiline
            minRows={6}
            fullWidth
            variant="outlined"
            margin="normal"
            value={draft}
            onChange={e => setDraft(e.target.value)}
          />
          <Button
            variant="contained"
            color="primary"
            disabled={saving}
            onClick={save}
          >
            {saving ? 'Saving…' : 'Save'}
          </Button>{' '}
          <Button
            disabled={saving}
            onClick={() => {
              setDraft(undefined);
              setProblem(undefined);
            }}
          >
            Cancel
          </Button>
        </>
      )}
      {!editing && (
        <div style={{ marginTop: 8 }}>
          {/* Why it is read-only is said once for the page; here on hover. */}
          <span title={readOnlyReason}>
            <Button
              size="small"
              variant="outlined"
              disabled={!!readOnlyReason}
              aria-label={`Edit ${section.title}`}
              onClick={() => setDraft(section.body)}
            >
              Edit
            </Button>
          </span>
        </div>
      )}
    </InfoCard>
  );
}

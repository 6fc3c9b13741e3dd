/**
 * What an on-call editor says in its own words: the texts that differ between the schedule
 * and the escalation policy editor.
 *
 * @internal
 */
export interface EditorWording {
  /** What is edited: "schedule", "escalation policy". */
  noun: string;
  /** The page's title for a new item; an existing one is "Edit <name>". */
  newTitle: string;
  /** Save's label for a new item. */
  createLabel: string;
  deleteLabel: string;
  /** What deleting does to everything else, said before it is done. */
  deleteWarning: string;
  /** Said after someone else changed the item first and it was reloaded. */
  conflict: string;
  /** Why the viewer may not save an existing item: above the form, and beside Save. */
  mayNotUpdate: { notice: string; beside: string };
}

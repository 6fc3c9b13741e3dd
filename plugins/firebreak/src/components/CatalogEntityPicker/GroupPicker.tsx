import { SingleEntityPicker } from './SingleEntityPicker';

/**
 * Picks one group (a team) from the catalog, searching as the user types.
 *
 * @internal
 */
export function GroupPicker(props: {
  id: string;
  label: string;
  /** A group entity ref, or undefined for none yet. */
  value?: string;
  onChange: (groupRef: string) => void;
  helperText?: string;
  error?: boolean;
  disabled?: boolean;
}) {
  return (
    <SingleEntityPicker
      {...props}
      kinds={['group']}
      noMatchText="No team by that name"
    />
  );
}

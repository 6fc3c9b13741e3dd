import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { SingleEntityPicker } from './SingleEntityPicker';

/**
 * Picks one person from the catalog. Always holds someone: with no value it shows the
 * signed-in user, marked "(you)", when `emptyMeansYou` is set.
 *
 * @internal
 */
export function UserPicker(props: {
  id: string;
  label: string;
  /** A user entity ref, or undefined for "you" (with `emptyMeansYou`) or nobody yet. */
  value?: string;
  onChange: (userRef: string) => void;
  emptyMeansYou?: boolean;
  helperText?: string;
  /** For pickers that appear because the user asked to change someone. */
  takeFocus?: boolean;
  disabled?: boolean;
}) {
  const identityApi = useApi(identityApiRef);
  const self = useAsync(
    async () => (await identityApi.getBackstageIdentity()).userEntityRef,
    [identityApi],
  );
  const selfRef = self.value?.toLocaleLowerCase('en-US');
  const value = props.value ?? (props.emptyMeansYou ? selfRef : undefined);
  return (
    <SingleEntityPicker
      id={props.id}
      label={props.label}
      kinds={['user']}
      value={value}
      onChange={props.onChange}
      noMatchText="Nobody by that name"
      youRef={selfRef}
      helperText={props.helperText}
      takeFocus={props.takeFocus}
      disabled={props.disabled}
    />
  );
}

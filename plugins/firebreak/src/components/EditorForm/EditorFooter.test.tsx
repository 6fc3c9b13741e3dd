import { renderInTestApp } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { indexProblems } from '../../oncall/problems';
import { EditorFooter } from './EditorFooter';
import { EditorWording } from './EditorWording';
import { MAY_NOT_MANAGE_OWNER, OwnerAccess } from './useOwnerAccess';

// Dialogs on a busy 2-core machine.
jest.setTimeout(30_000);

const wording: EditorWording = {
  noun: 'schedule',
  newTitle: 'New on-call schedule',
  createLabel: 'Create schedule',
  deleteLabel: 'Delete schedule',
  deleteWarning: 'Its calendar feed stops. This cannot be undone.',
  conflict: 'Someone else changed this schedule.',
  mayNotUpdate: {
    notice: 'Only the owners may change it.',
    beside: 'Only the team that owns this schedule may save it.',
  },
};

function renderFooter(
  options: {
    isNew?: boolean;
    allowed?: boolean;
    problems?: { field: string; message: string }[];
    onDelete?: () => Promise<void>;
    ownerAccess?: OwnerAccess;
  } = {},
) {
  return renderInTestApp(
    <form>
      <EditorFooter
        page={{
          item: options.isNew
            ? undefined
            : { id: 'sched-1', name: 'Payments primary', version: 4 },
          wording,
          allowed: options.allowed ?? true,
          actions: {
            dismissNotice: jest.fn(),
            onSave: jest.fn(),
            onDelete: options.onDelete,
          },
          cancelLink: '/oncall',
          formKey: 'sched-1@4',
        }}
        form={{ busy: false, problems: indexProblems(options.problems ?? []) }}
        ownerAccess={options.ownerAccess}
      />
    </form>,
  );
}

describe('EditorFooter', () => {
  it('deletes only once the dialog is confirmed', async () => {
    const onDelete = jest.fn(async () => undefined);
    await renderFooter({ onDelete });

    await userEvent.click(
      screen.getByRole('button', { name: 'Delete schedule' }),
    );
    const dialog = screen.getByRole('dialog', {
      name: 'Delete Payments primary?',
    });
    expect(dialog).toHaveTextContent('Delete Payments primary?');
    expect(dialog).toHaveTextContent(
      'Its calendar feed stops. This cannot be undone.',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Keep it' }),
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(onDelete).not.toHaveBeenCalled();

    await userEvent.click(
      screen.getByRole('button', { name: 'Delete schedule' }),
    );
    await userEvent.click(
      within(screen.getByRole('dialog')).getByRole('button', {
        name: 'Delete',
      }),
    );
    expect(onDelete).toHaveBeenCalledTimes(1);
  });

  it('tells someone who may not save why, and offers them no delete', async () => {
    await renderFooter({ allowed: false, onDelete: jest.fn() });
    expect(screen.getByRole('button', { name: 'Save' })).toBeDisabled();
    expect(
      screen.getByText('Only the team that owns this schedule may save it.'),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Delete schedule' }),
    ).not.toBeInTheDocument();
  });

  it('tells someone who may not manage the chosen owner team why', async () => {
    await renderFooter({
      isNew: true,
      ownerAccess: { allowed: false, reason: MAY_NOT_MANAGE_OWNER },
    });
    expect(
      screen.getByRole('button', { name: 'Create schedule' }),
    ).toBeDisabled();
    expect(screen.getByText(MAY_NOT_MANAGE_OWNER)).toBeInTheDocument();
  });

  it('offers to create a new item, and no delete', async () => {
    await renderFooter({ isNew: true });
    expect(
      screen.getByRole('button', { name: 'Create schedule' }),
    ).toBeEnabled();
    expect(
      screen.queryByRole('button', { name: 'Delete schedule' }),
    ).not.toBeInTheDocument();
  });

  it('lists what keeps the form from saving, in words', async () => {
    await renderFooter({
      problems: [
        { field: 'layers[1].rotation.hours', message: 'must be 1 to 672' },
      ],
    });
    expect(screen.getByRole('button', { name: 'Save' })).toBeDisabled();
    const status = screen.getByRole('status', {
      name: 'What keeps this from saving',
    });
    expect(status).toHaveTextContent('To save, fix this:');
    expect(status).toHaveTextContent('Layer 2, hours: must be 1 to 672');
  });
});

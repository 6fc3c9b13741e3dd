import { act, renderHook } from '@testing-library/react';
import { ReactNode } from 'react';
import { MemoryRouter, useLocation } from 'react-router-dom';
import { responseError } from '../../__testUtils__/onCallFixtures';
import {
  EditedItem,
  EditorBackend,
  useEditorActions,
} from './useEditorActions';

interface Draft {
  name: string;
}

const loaded: EditedItem = { id: 'sched-1', name: 'Payments', version: 4 };

function renderActions(
  options: { item?: EditedItem; backend?: Partial<EditorBackend<Draft>> } = {
    item: loaded,
  },
) {
  const reload = jest.fn();
  const backend = {
    create: jest.fn(async () => ({ id: 'sched-2', version: 1 })),
    update: jest.fn(async (id: string) => ({ id, version: 5 })),
    remove: jest.fn(async () => undefined),
    ...options.backend,
  };
  const rendered = renderHook(
    () => ({
      actions: useEditorActions<Draft>({
        wording: {
          noun: 'schedule',
          conflict: 'Someone else changed it — reloaded.',
        },
        item: options.item,
        backend,
        reload,
        savedLink: id => `/schedules/${id}`,
        deletedLink: '/oncall',
      }),
      path: useLocation().pathname,
    }),
    {
      wrapper: ({ children }: { children: ReactNode }) => (
        <MemoryRouter initialEntries={['/schedules/edit']}>
          {children}
        </MemoryRouter>
      ),
    },
  );
  const save = (draft: Draft) =>
    act(() => rendered.result.current.actions.onSave(draft));
  return { result: rendered.result, backend, reload, save };
}

describe('useEditorActions', () => {
  it('updates an item at the version it was loaded at and goes to it', async () => {
    const { result, backend, save } = renderActions();
    expect(await save({ name: 'Payments' })).toBeUndefined();
    expect(backend.update).toHaveBeenCalledWith('sched-1', {
      version: 4,
      name: 'Payments',
    });
    expect(backend.create).not.toHaveBeenCalled();
    expect(result.current.path).toBe('/schedules/sched-1');
    expect(result.current.actions.notice).toBeUndefined();
  });

  it('creates a new item and goes to it', async () => {
    const { result, backend, save } = renderActions({ item: undefined });
    await save({ name: 'Payments' });
    expect(backend.create).toHaveBeenCalledWith({ name: 'Payments' });
    expect(result.current.path).toBe('/schedules/sched-2');
  });

  it('reloads, and says so, when the item changed since it was loaded', async () => {
    const { result, reload, save } = renderActions({
      item: loaded,
      backend: {
        update: async () => {
          throw await responseError(409, 'Schedule sched-1 is at version 5');
        },
      },
    });
    expect(await save({ name: 'Payments' })).toBeUndefined();
    expect(reload).toHaveBeenCalledTimes(1);
    expect(result.current.actions.notice).toEqual({
      severity: 'warning',
      message: 'Someone else changed it — reloaded.',
    });
    expect(result.current.path).toBe('/schedules/edit');
  });

  it('hands a refusal that names a field back to the form, as a clash rather than a stale version', async () => {
    const { result, reload, save } = renderActions({
      item: loaded,
      backend: {
        update: async () => {
          throw await responseError(409, 'name: a schedule named "x" exists');
        },
      },
    });
    expect(await save({ name: 'x' })).toEqual({
      field: 'name',
      message: 'a schedule named "x" exists',
    });
    expect(reload).not.toHaveBeenCalled();
    expect(result.current.actions.notice).toBeUndefined();
  });

  it('does not reload a new item on a conflict, and says what went wrong', async () => {
    const { result, reload, save } = renderActions({
      backend: {
        create: async () => {
          throw await responseError(409, 'Something clashed');
        },
      },
    });
    expect(await save({ name: 'x' })).toBeUndefined();
    expect(reload).not.toHaveBeenCalled();
    expect(result.current.actions.notice).toEqual({
      severity: 'error',
      message: 'The schedule was not saved: Something clashed',
    });
  });

  it('offers no delete for a new item; deletes an existing one and leaves its page', async () => {
    expect(
      renderActions({ item: undefined }).result.current.actions.onDelete,
    ).toBeUndefined();

    const { result, backend } = renderActions();
    await act(() => result.current.actions.onDelete!());
    expect(backend.remove).toHaveBeenCalledWith('sched-1');
    expect(result.current.path).toBe('/oncall');
  });

  it('stays on the page and says why when a delete fails; a save clears the notice', async () => {
    const { result, save } = renderActions({
      item: loaded,
      backend: {
        remove: async () => {
          throw await responseError(403, 'You may not delete this schedule');
        },
      },
    });
    await act(() => result.current.actions.onDelete!());
    expect(result.current.path).toBe('/schedules/edit');
    expect(result.current.actions.notice).toEqual({
      severity: 'error',
      message: 'The schedule was not deleted: You may not delete this schedule',
    });

    await save({ name: 'Payments' });
    expect(result.current.actions.notice).toBeUndefined();
  });
});

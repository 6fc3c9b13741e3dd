import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { OrderedItemCard } from './OrderedItemCard';
import { OrderedItemList } from './OrderedItemList';

async function renderList(items: string[]) {
  const onChange = jest.fn();
  await renderInTestApp(
    <OrderedItemList
      items={items}
      onChange={onChange}
      renderItem={(item, place) => (
        <OrderedItemCard name={`Item ${place.index + 1}`} position={place}>
          <button type="button" onClick={() => place.onChange(`${item}!`)}>
            Change {item}
          </button>
        </OrderedItemCard>
      )}
      addLabel="Add an item"
      newItem={() => 'new'}
    />,
  );
  return onChange;
}

describe('OrderedItemList', () => {
  it('moves, removes, changes and adds items, each as the whole new list', async () => {
    const onChange = await renderList(['a', 'b', 'c']);

    await userEvent.click(
      screen.getByRole('button', { name: 'Move Item 2 up' }),
    );
    expect(onChange).toHaveBeenLastCalledWith(['b', 'a', 'c']);
    await userEvent.click(
      screen.getByRole('button', { name: 'Move Item 2 down' }),
    );
    expect(onChange).toHaveBeenLastCalledWith(['a', 'c', 'b']);
    await userEvent.click(
      screen.getByRole('button', { name: 'Remove Item 1' }),
    );
    expect(onChange).toHaveBeenLastCalledWith(['b', 'c']);
    await userEvent.click(screen.getByRole('button', { name: 'Change c' }));
    expect(onChange).toHaveBeenLastCalledWith(['a', 'b', 'c!']);
    await userEvent.click(screen.getByRole('button', { name: 'Add an item' }));
    expect(onChange).toHaveBeenLastCalledWith(['a', 'b', 'c', 'new']);
  });

  it('cannot move the first item up nor the last one down', async () => {
    await renderList(['a', 'b']);
    expect(
      screen.getByRole('button', { name: 'Move Item 1 up' }),
    ).toBeDisabled();
    expect(
      screen.getByRole('button', { name: 'Move Item 1 down' }),
    ).toBeEnabled();
    expect(
      screen.getByRole('button', { name: 'Move Item 2 down' }),
    ).toBeDisabled();
    expect(screen.getByRole('group', { name: 'Item 2' })).toBeInTheDocument();
  });
});

import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import {
  mockFirebreakApi,
  mountedRoutes,
  testApis,
} from '../../__testUtils__/mockFirebreakApi';
import { MyOnCallCard } from './MyOnCallCard';

jest.setTimeout(30_000);

// Its own file: permission answers are cached for the life of the module.
describe('MyOnCallCard without permission', () => {
  it('says that schedules are not visible instead of failing', async () => {
    const api = mockFirebreakApi();
    await renderInTestApp(
      <TestApiProvider apis={testApis(api, AuthorizeResult.DENY)}>
        <MyOnCallCard />
      </TestApiProvider>,
      { mountedRoutes },
    );
    expect(
      await screen.findByText('You are not allowed to see on-call schedules.'),
    ).toBeInTheDocument();
    expect(api.getMyShifts).not.toHaveBeenCalled();
    expect(
      screen.queryByRole('button', { name: 'Subscribe in your calendar' }),
    ).not.toBeInTheDocument();
  });
});

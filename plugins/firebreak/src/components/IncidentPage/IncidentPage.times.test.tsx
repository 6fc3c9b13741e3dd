import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import { FirebreakApi } from '../../api';
import {
  mockFirebreakApi,
  mountedRoutes,
  testApis,
  testIncident,
} from '../../__testUtils__/mockFirebreakApi';
import { toLocalMinute } from '../IncidentTimes/localTime';
import { formatIncidentInstant } from './formatIncidentInstant';
import { IncidentPage } from './IncidentPage';

// Rendering MUI dialogs is slow on a busy 2-core machine.
jest.setTimeout(30_000);

async function renderPage(api: FirebreakApi) {
  await renderInTestApp(
    <TestApiProvider apis={testApis(api)}>
      <Routes>
        <Route path="/incidents/:ref" element={<IncidentPage />} />
      </Routes>
    </TestApiProvider>,
    { routeEntries: ['/incidents/INC-42'], mountedRoutes },
  );
}

/** Opens "Edit times", records when the impact was detected, and saves. */
async function recordDetection(at: string) {
  await userEvent.click(
    await screen.findByRole('button', { name: 'Edit times' }),
  );
  await screen.findByRole('dialog', { name: 'Edit times' });
  fireEvent.change(screen.getByLabelText('Detected at'), {
    target: { value: toLocalMinute(at) },
  });
  await userEvent.click(screen.getByRole('button', { name: 'Save' }));
}

describe('IncidentPage times', () => {
  it('records when the impact was detected at the version on screen, and shows it once reloaded', async () => {
    const detectedAt = '2026-11-20T09:58:00.000Z';
    const api = mockFirebreakApi({
      getIncident: jest
        .fn()
        .mockResolvedValueOnce({
          ...testIncident,
          startedAt: '2026-11-20T09:50:00.000Z',
        })
        .mockResolvedValue({
          ...testIncident,
          startedAt: '2026-11-20T09:50:00.000Z',
          detectedAt,
          version: 4,
        }),
    });
    await renderPage(api);
    expect(await screen.findByText(/^Impact started /)).toHaveTextContent(
      /detected not recorded$/,
    );

    await recordDetection(detectedAt);
    expect(api.updateIncident).toHaveBeenCalledWith(testIncident.id, {
      version: 3,
      detectedAt,
    });
    await waitFor(() =>
      expect(screen.getByText(/^Impact started /)).toHaveTextContent(
        `detected ${formatIncidentInstant(detectedAt)}`,
      ),
    );
  });

  it("shows the backend's reason when it refuses the times", async () => {
    const api = mockFirebreakApi({
      updateIncident: jest.fn(async () => {
        throw new Error(
          'detectedAt: must be at or before declaredAt (2026-11-20T10:00:00.000Z), when the incident was declared',
        );
      }),
    });
    await renderPage(api);
    await recordDetection(testIncident.startedAt);
    expect(
      await screen.findByText(/detectedAt: must be at or before declaredAt/),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
  });
});

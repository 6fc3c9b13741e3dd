import { renderInTestApp } from '@backstage/test-utils';
import { Incident } from '@firebreak/backstage-plugin-common';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { testIncident } from '../../__testUtils__/mockFirebreakApi';
import { toLocalMinute } from '../IncidentTimes/localTime';
import { formatIncidentInstant } from './formatIncidentInstant';
import { StatusCard } from './StatusCard';

// Rendering MUI dialogs is slow on a busy 2-core machine.
jest.setTimeout(30_000);

const incident: Incident = {
  ...testIncident,
  startedAt: '2026-11-20T09:50:00.000Z',
  detectedAt: '2026-11-20T09:55:00.000Z',
};

function timesLine() {
  return screen.getByText(/^Impact started /);
}

describe('StatusCard times', () => {
  it('says when the impact started and was detected, and offers no edit to someone who may not change the incident', async () => {
    await renderInTestApp(
      <StatusCard incident={incident} canUpdate={false} onChange={jest.fn()} />,
    );
    expect(timesLine()).toHaveTextContent(
      `Impact started ${formatIncidentInstant(
        incident.startedAt,
      )} · detected ${formatIncidentInstant(incident.detectedAt!)}`,
    );
    expect(
      screen.queryByRole('button', { name: 'Edit times' }),
    ).not.toBeInTheDocument();
  });

  it('says when nobody recorded the detection', async () => {
    await renderInTestApp(
      <StatusCard
        incident={{ ...incident, detectedAt: undefined }}
        canUpdate
        onChange={jest.fn()}
      />,
    );
    expect(timesLine()).toHaveTextContent(/· detected not recorded$/);
    expect(
      screen.getByRole('button', { name: 'Edit times' }),
    ).toBeInTheDocument();
  });

  it('saves against the incident the dialog opened on, even when a newer version loaded meanwhile', async () => {
    const onChange = jest.fn();
    const { rerender } = await renderInTestApp(
      <StatusCard incident={incident} canUpdate onChange={onChange} />,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Edit times' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit times' });
    expect(dialog).toBeInTheDocument();

    // Someone else changes the incident while the dialog is open; the page reloads it.
    rerender(
      <StatusCard
        incident={{ ...incident, version: incident.version + 1 }}
        canUpdate
        onChange={onChange}
      />,
    );
    fireEvent.change(screen.getByLabelText('Detected at'), {
      target: { value: toLocalMinute('2026-11-20T09:57:00Z') },
    });
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    // The stale version goes with the change, so the backend refuses it instead of overwriting.
    expect(onChange).toHaveBeenCalledWith(
      { detectedAt: '2026-11-20T09:57:00.000Z' },
      incident,
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
  });
});

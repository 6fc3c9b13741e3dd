import { renderInTestApp } from '@backstage/test-utils';
import { Incident } from '@firebreak/backstage-plugin-common';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DateTime } from 'luxon';
import { testIncident } from '../../__testUtils__/mockFirebreakApi';
import { IncidentTimesDialog } from './IncidentTimesDialog';
import { LOCAL_MINUTE, localZoneName, toLocalMinute } from './localTime';

// Rendering MUI dialogs is slow on a busy 2-core machine.
jest.setTimeout(30_000);

// Stored with seconds, which the inputs cannot show: an untouched time must not be sent.
const incident: Incident = {
  ...testIncident,
  startedAt: '2026-11-20T09:50:30.000Z',
  detectedAt: '2026-11-20T09:55:10.000Z',
  declaredAt: '2026-11-20T10:00:00.000Z',
};

async function renderDialog(shown: Incident = incident) {
  const onSave = jest.fn(async () => undefined);
  const onClose = jest.fn();
  await renderInTestApp(
    <IncidentTimesDialog
      open
      incident={shown}
      onClose={onClose}
      onSave={onSave}
    />,
  );
  return {
    onSave,
    onClose,
    startedAt: screen.getByLabelText(/^Started at/),
    detectedAt: screen.getByLabelText('Detected at'),
    save: screen.getByRole('button', { name: 'Save' }),
  };
}

describe('IncidentTimesDialog', () => {
  it('starts from the incident, in the reader’s time zone, with nothing to save', async () => {
    const { startedAt, detectedAt, save } = await renderDialog();
    expect(
      screen.getByRole('dialog', { name: 'Edit times' }),
    ).toBeInTheDocument();
    expect(startedAt).toHaveValue(toLocalMinute(incident.startedAt));
    expect(startedAt).toBeRequired();
    expect(detectedAt).toHaveValue(toLocalMinute(incident.detectedAt!));
    expect(
      screen.getByText(
        `When the impact began; your time zone, ${localZoneName()}`,
      ),
    ).toBeInTheDocument();
    expect(save).toBeDisabled();
  });

  it('refuses a detection before the impact started, and a time in the future', async () => {
    const { startedAt, detectedAt, save, onSave } = await renderDialog();
    fireEvent.change(detectedAt, {
      target: { value: toLocalMinute('2026-11-20T09:45:00Z') },
    });
    expect(
      screen.getByText('Cannot be before the impact started'),
    ).toBeInTheDocument();
    expect(save).toBeDisabled();

    // Moving the start after the recorded detection puts the start at fault.
    fireEvent.change(detectedAt, {
      target: { value: toLocalMinute(incident.detectedAt!) },
    });
    fireEvent.change(startedAt, {
      target: { value: toLocalMinute('2026-11-20T09:58:00Z') },
    });
    expect(
      screen.getByText('Cannot be after the impact was detected'),
    ).toBeInTheDocument();
    expect(save).toBeDisabled();

    fireEvent.change(startedAt, {
      target: {
        value: DateTime.now().plus({ hours: 1 }).toFormat(LOCAL_MINUTE),
      },
    });
    expect(screen.getByText('Cannot be in the future')).toBeInTheDocument();
    expect(save).toBeDisabled();
    expect(onSave).not.toHaveBeenCalled();
  });

  it('sends only the time that changed, then closes', async () => {
    const { startedAt, save, onSave, onClose } = await renderDialog();
    fireEvent.change(startedAt, {
      target: { value: toLocalMinute('2026-11-20T09:40:00Z') },
    });
    await userEvent.click(save);
    expect(onSave).toHaveBeenCalledWith({
      startedAt: '2026-11-20T09:40:00.000Z',
    });
    await waitFor(() => expect(onClose).toHaveBeenCalled());
  });

  it('clears the detection with null', async () => {
    const { detectedAt, save, onSave } = await renderDialog();
    await userEvent.click(
      screen.getByRole('button', { name: 'Clear detected at' }),
    );
    expect(detectedAt).toHaveValue('');
    expect(
      screen.getByText(/^Saving clears it: not recorded;/),
    ).toBeInTheDocument();
    await userEvent.click(save);
    expect(onSave).toHaveBeenCalledWith({ detectedAt: null });
  });

  it('records a first detection, and cancels without saving', async () => {
    const { detectedAt, save, onSave, onClose } = await renderDialog({
      ...incident,
      detectedAt: undefined,
    });
    expect(detectedAt).toHaveValue('');
    fireEvent.change(detectedAt, {
      target: { value: toLocalMinute('2026-11-20T09:56:00Z') },
    });
    expect(save).toBeEnabled();
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onClose).toHaveBeenCalled();
    expect(onSave).not.toHaveBeenCalled();
  });
});

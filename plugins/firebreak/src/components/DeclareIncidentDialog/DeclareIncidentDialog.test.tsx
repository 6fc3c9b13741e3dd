import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { firebreakApiRef } from '../../api';
import {
  mockFirebreakApi,
  testIncident,
} from '../../__testUtils__/mockFirebreakApi';
import { DeclareIncidentDialog } from './DeclareIncidentDialog';

// Rendering MUI dialogs and menus is slow on a busy 2-core machine.
jest.setTimeout(30_000);

describe('DeclareIncidentDialog', () => {
  it('explains the severity, shows the priority, and declares', async () => {
    const api = mockFirebreakApi();
    const onDeclared = jest.fn();
    await renderInTestApp(
      <TestApiProvider apis={[[firebreakApiRef, api]]}>
        <DeclareIncidentDialog
          open
          entityRefs={['component:default/payments-api']}
          onClose={jest.fn()}
          onDeclared={onDeclared}
        />
      </TestApiProvider>,
    );
    await userEvent.click(screen.getByLabelText(/Title/));
    await userEvent.paste('Payments failing');
    await userEvent.click(screen.getByLabelText('Severity'));
    await userEvent.click(
      await screen.findByRole('option', { name: 'SEV1 – critical' }),
    );
    expect(screen.getByText(/down for all customers/)).toBeInTheDocument();
    expect(
      within(screen.getByText(/Priority:/)).getByText('P1'),
    ).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Declare' }));
    expect(api.declareIncident).toHaveBeenCalledWith({
      title: 'Payments failing',
      summary: undefined,
      severity: 'SEV1',
      impact: 'high',
      urgency: 'high',
      entityRefs: ['component:default/payments-api'],
    });
    expect(onDeclared).toHaveBeenCalledWith(testIncident);
  });

  it('shows what the backend refused', async () => {
    const api = mockFirebreakApi({
      declareIncident: jest.fn(async () => {
        throw new Error(
          "entityRefs[0]: 'component:default/x' is not in the catalog",
        );
      }),
    });
    await renderInTestApp(
      <TestApiProvider apis={[[firebreakApiRef, api]]}>
        <DeclareIncidentDialog
          open
          entityRefs={['component:default/x']}
          onClose={jest.fn()}
          onDeclared={jest.fn()}
        />
      </TestApiProvider>,
    );
    await userEvent.click(screen.getByLabelText(/Title/));
    await userEvent.paste('Broken');
    await userEvent.click(screen.getByLabelText('Severity'));
    await userEvent.click(
      await screen.findByRole('option', { name: 'SEV3 – minor' }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Declare' }));
    expect(
      await screen.findByText(/is not in the catalog/),
    ).toBeInTheDocument();
  });
});

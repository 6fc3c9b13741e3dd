import { identityApiRef } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import {
  chooseCommander,
  COMMANDER_RULE_EXAMPLES,
} from '@firebreak/backstage-plugin-common';
import userEvent from '@testing-library/user-event';
import { DateTime } from 'luxon';
import { FirebreakApi, firebreakApiRef } from '../../api';
import {
  mockFirebreakApi,
  testCatalogApi,
  testIdentityApi,
  testIncident,
} from '../../__testUtils__/mockFirebreakApi';
import { DeclareIncidentDialog } from './DeclareIncidentDialog';

// Rendering MUI dialogs and menus is slow on a busy 2-core machine.
jest.setTimeout(30_000);

async function renderDialog(
  api: FirebreakApi,
  props: { entityRefs?: string[]; onDeclared?: jest.Mock } = {},
) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [firebreakApiRef, api],
        [catalogApiRef, testCatalogApi()],
        [identityApiRef, testIdentityApi],
      ]}
    >
      <DeclareIncidentDialog
        open
        entityRefs={props.entityRefs ?? ['component:default/payments-api']}
        onClose={jest.fn()}
        onDeclared={props.onDeclared ?? jest.fn()}
      />
    </TestApiProvider>,
  );
}

async function fillTitleAndSeverity(title: string, severity: string) {
  await userEvent.click(screen.getByLabelText(/Title/));
  await userEvent.paste(title);
  await userEvent.click(screen.getByLabelText('Severity'));
  await userEvent.click(await screen.findByRole('option', { name: severity }));
}

describe('DeclareIncidentDialog', () => {
  it('explains the severity, shows the priority, and declares', async () => {
    const api = mockFirebreakApi();
    const onDeclared = jest.fn();
    await renderDialog(api, { onDeclared });
    // Screen readers announce the dialog by its title.
    expect(
      screen.getByRole('dialog', { name: 'Declare an incident' }),
    ).toBeInTheDocument();
    await fillTitleAndSeverity('Payments failing', 'SEV1 – critical');
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
    // Defaults stay with the backend: the first person paged (else the declarer) commands, it
    // started now.
    const request = api.declareIncident.mock.calls[0][0];
    expect(request.commanderRef).toBeUndefined();
    expect(request.startedAt).toBeUndefined();
    expect(onDeclared).toHaveBeenCalledWith(testIncident);
  });

  describe('tells the truth about the commander, with the rule the backend applies', () => {
    const alice = 'user:default/alice';
    const bob = 'user:default/bob';
    // The same cases the -common table test and the backend's declare test use; a person
    // declares here, so the cases of services are the backend's alone.
    it.each(
      COMMANDER_RULE_EXAMPLES.filter(e => e.declarer === 'user').map(e => [
        e.name,
        e,
      ]),
    )('%s', async (_, example) => {
      const api = mockFirebreakApi({
        getOnCall: jest.fn(async (entityRef: string) => ({
          entityRef,
          policy: {
            id: 'p1',
            name: 'Payments default',
            ownerRef: 'group:default/payments-team',
          },
          levels: example.someoneOnCall
            ? [{ level: 1, users: [{ userRef: bob }], next: [] }]
            : [],
        })),
      });
      await renderDialog(api);
      // Only two choices: take command yourself, or leave it to the default.
      expect(
        screen.queryByLabelText(/Incident commander/),
      ).not.toBeInTheDocument();
      if (example.requested === 'someoneElse') {
        return;
      }
      const takeCommand = example.requested === 'declarer';
      if (takeCommand && example.someoneOnCall) {
        await userEvent.click(
          await screen.findByRole('button', { name: 'Take command yourself' }),
        );
      }
      const line = (await screen.findByText(/^Commander:/)).closest('p')!;
      // Refs stand for names here; the app's catalog presentation names them.
      const said =
        example.expected === 'firstPaged'
          ? 'Commander: the first person paged — bob (payments-team)'
          : `Commander: you${
              example.someoneOnCall
                ? ', instead of the first person paged'
                : ' (nobody is on call for payments-api)'
            }`;
      await waitFor(() => expect(line).toHaveTextContent(said));

      await fillTitleAndSeverity('Checkout slow', 'SEV3 – minor');
      await userEvent.click(screen.getByRole('button', { name: 'Declare' }));
      const { commanderRef } = api.declareIncident.mock.calls[0][0];
      // What the backend makes of what the dialog sends is what the dialog said.
      expect(
        chooseCommander({
          requested: commanderRef,
          declarer: { type: 'user', userRef: alice },
          firstPaged: example.someoneOnCall ? bob : undefined,
        }).commanderRef,
      ).toBe(example.expected === 'firstPaged' ? bob : alice);
    });
  });

  it('keeps the current entity, adds others from the catalog, and removes only while another remains', async () => {
    const api = mockFirebreakApi();
    await renderDialog(api);
    // The preset entity is named from the catalog and cannot be removed while alone.
    expect(await screen.findByText('Payments API')).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Payments API' }),
    ).not.toBeInTheDocument();
    const entities = screen.getByLabelText('Impacted entities');
    await userEvent.click(entities);
    await userEvent.keyboard('{Backspace}');
    expect(screen.getByText('Payments API')).toBeInTheDocument();

    // Only what an incident can impact is offered: no groups, no people.
    await userEvent.paste('pay');
    expect(
      await screen.findByRole('option', { name: /Payments system/ }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('option', { name: /Payments team/ }),
    ).not.toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('option', { name: /Payments system/ }),
    );

    await userEvent.click(entities);
    await userEvent.paste('checkout');
    await userEvent.click(
      await screen.findByRole('option', { name: /Checkout web/ }),
    );

    // With others there, the preset can go.
    const preset = screen.getByRole('button', { name: 'Payments API' });
    await userEvent.click(preset.querySelector('.MuiChip-deleteIcon')!);
    expect(screen.queryByText('Payments API')).not.toBeInTheDocument();

    await fillTitleAndSeverity('Payments failing', 'SEV2 – major');
    await userEvent.click(screen.getByRole('button', { name: 'Declare' }));
    expect(api.declareIncident).toHaveBeenCalledWith(
      expect.objectContaining({
        entityRefs: [
          'system:default/payments',
          'component:default/checkout-web',
        ],
      }),
    );
  });

  it('sends an earlier start time, and refuses one in the future', async () => {
    const api = mockFirebreakApi();
    await renderDialog(api);
    await fillTitleAndSeverity('Payments failing', 'SEV2 – major');
    const startedAt = screen.getByLabelText('Started at');

    const inAnHour = DateTime.now()
      .plus({ hours: 1 })
      .toFormat("yyyy-MM-dd'T'HH:mm");
    fireEvent.change(startedAt, { target: { value: inAnHour } });
    expect(screen.getByText('Cannot be in the future')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Declare' })).toBeDisabled();

    fireEvent.change(startedAt, { target: { value: '2025-03-30T01:30' } });
    expect(
      screen.queryByText('Cannot be in the future'),
    ).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Declare' }));
    expect(api.declareIncident).toHaveBeenCalledWith(
      expect.objectContaining({
        // The input is in the browser's time zone; the API takes an instant.
        startedAt: new Date('2025-03-30T01:30').toISOString(),
      }),
    );
  });

  it('sends when the impact was detected, refusing one before the impact or in the future', async () => {
    const api = mockFirebreakApi();
    await renderDialog(api);
    await fillTitleAndSeverity('Payments failing', 'SEV2 – major');
    const startedAt = screen.getByLabelText('Started at');
    const detectedAt = screen.getByLabelText('Detected at');
    const declare = screen.getByRole('button', { name: 'Declare' });

    fireEvent.change(detectedAt, {
      target: {
        value: DateTime.now().plus({ hours: 1 }).toFormat("yyyy-MM-dd'T'HH:mm"),
      },
    });
    expect(screen.getByText('Cannot be in the future')).toBeInTheDocument();
    expect(declare).toBeDisabled();

    fireEvent.change(startedAt, { target: { value: '2025-03-30T01:30' } });
    fireEvent.change(detectedAt, { target: { value: '2025-03-30T01:20' } });
    expect(
      screen.getByText('Cannot be before the impact started'),
    ).toBeInTheDocument();
    expect(declare).toBeDisabled();

    // Without a start time, the impact starts when it was detected.
    fireEvent.change(startedAt, { target: { value: '' } });
    expect(screen.getByText(/^Empty means when detected;/)).toBeInTheDocument();
    await userEvent.click(declare);
    expect(api.declareIncident).toHaveBeenLastCalledWith(
      expect.objectContaining({
        startedAt: undefined,
        detectedAt: new Date('2025-03-30T01:20').toISOString(),
      }),
    );
  });

  it('shows what the backend refused', async () => {
    const api = mockFirebreakApi({
      declareIncident: jest.fn(async () => {
        throw new Error(
          "entityRefs[0]: 'component:default/x' is not in the catalog",
        );
      }),
    });
    await renderDialog(api, { entityRefs: ['component:default/x'] });
    await fillTitleAndSeverity('Broken', 'SEV3 – minor');
    await userEvent.click(screen.getByRole('button', { name: 'Declare' }));
    expect(
      await screen.findByText(/is not in the catalog/),
    ).toBeInTheDocument();
  });
});

import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { Incident } from '@firebreak/backstage-plugin-common';
import { screen } from '@testing-library/react';
import {
  mockFirebreakApi,
  testApis,
  testIncident,
} from '../../__testUtils__/mockFirebreakApi';
import { formatIncidentInstant } from './formatIncidentInstant';
import { IncidentHeader } from './IncidentHeader';

async function renderHeader(incident: Incident) {
  await renderInTestApp(
    <TestApiProvider apis={testApis(mockFirebreakApi())}>
      <IncidentHeader incident={incident} pages={[]} />
    </TestApiProvider>,
  );
}

describe('IncidentHeader', () => {
  it('says when the incident was detected, when someone recorded it', async () => {
    const detectedAt = '2026-11-20T09:55:00.000Z';
    await renderHeader({
      ...testIncident,
      startedAt: '2026-11-20T09:50:00.000Z',
      detectedAt,
    });
    const label = screen.getByText('Detected');
    // The header puts a label's value right after it.
    expect(label.nextElementSibling).toHaveTextContent(
      formatIncidentInstant(detectedAt),
    );
  });

  it('says nothing of detection when nobody recorded it', async () => {
    await renderHeader(testIncident);
    expect(
      screen.getByRole('heading', {
        name: 'INC-42 Elevated 5xx from payments API',
      }),
    ).toBeInTheDocument();
    expect(screen.queryByText('Detected')).not.toBeInTheDocument();
  });
});

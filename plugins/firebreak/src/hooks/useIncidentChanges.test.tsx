import { signalApiRef } from '@backstage/plugin-signals-react';
import { TestApiProvider } from '@backstage/test-utils';
import { act, renderHook } from '@testing-library/react';
import { ReactNode } from 'react';
import { mockSignalApi } from '../__testUtils__/mockFirebreakApi';
import { useIncidentChanges } from './useIncidentChanges';

describe('useIncidentChanges', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('counts incident signals, a burst at most once a second', () => {
    const signals = mockSignalApi();
    const { result } = renderHook(() => useIncidentChanges(), {
      wrapper: ({ children }: { children: ReactNode }) => (
        <TestApiProvider apis={[[signalApiRef, signals.api]]}>
          {children}
        </TestApiProvider>
      ),
    });
    const change = (version: number) =>
      signals.publish('firebreak:incidents', {
        kind: 'updated',
        incidentId: 'a',
        version,
      });
    expect(result.current).toBe(0);

    change(1);
    expect(result.current).toBe(1);

    change(2);
    change(3);
    change(4);
    expect(result.current).toBe(1);

    act(() => {
      jest.advanceTimersByTime(1000);
    });
    expect(result.current).toBe(2);

    act(() => {
      jest.advanceTimersByTime(5000);
    });
    expect(result.current).toBe(2);
  });

  it('ignores other channels', () => {
    const signals = mockSignalApi();
    const { result } = renderHook(() => useIncidentChanges(), {
      wrapper: ({ children }: { children: ReactNode }) => (
        <TestApiProvider apis={[[signalApiRef, signals.api]]}>
          {children}
        </TestApiProvider>
      ),
    });
    signals.publish('firebreak:incident:a', {
      kind: 'updated',
      incidentId: 'a',
      version: 1,
    });
    expect(result.current).toBe(0);
  });
});

import { FirebreakTicketActionItem } from '@firebreak/backstage-plugin-node';
import { issueBody, issueTitle } from './issueContent';

const item: FirebreakTicketActionItem = {
  id: 'ai-1',
  title: '  Add a runbook step for failover  ',
  type: 'process',
  priority: 'P2',
  ownerRef: 'user:default/jane',
  entityRef: 'component:default/payments',
  url: 'https://portal.example/firebreak/follow-ups/ai-1',
};

describe('issue content', () => {
  it('trims the title and keeps it within GitHub’s 256 characters', () => {
    expect(issueTitle(item)).toBe('Add a runbook step for failover');
    const long = issueTitle({ ...item, title: 'x'.repeat(300) });
    expect(long).toHaveLength(256);
    expect(long.endsWith('…')).toBe(true);
  });

  it('writes only the facts it has, with refs as inline code that a backtick cannot break', () => {
    expect(issueBody({ ...item, ownerRef: 'user:default/o`brien' })).toBe(
      [
        '---',
        '',
        'Follow-up tracked in Firebreak: https://portal.example/firebreak/follow-ups/ai-1',
        '',
        '- **Type:** process',
        '- **Priority:** P2',
        "- **Owner:** `user:default/o'brien`",
        '- **Entity:** `component:default/payments`',
      ].join('\n'),
    );
  });

  it('shortens a description so the body stays within GitHub’s 65,536 characters, keeping the link back', () => {
    const body = issueBody({ ...item, description: 'y'.repeat(70_000) });
    expect(body.length).toBeLessThanOrEqual(65_536);
    expect(body).toContain(`Follow-up tracked in Firebreak: ${item.url}`);
    expect(body.startsWith('yyy')).toBe(true);
  });
});

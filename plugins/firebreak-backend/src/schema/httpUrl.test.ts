/* eslint-disable no-script-url -- these tests are that script URLs are refused */
import { InputError } from '@backstage/errors';
import { z } from 'zod';
import { httpUrl, isHttpUrl } from './httpUrl';
import { parse } from './apiRequests';

describe('isHttpUrl', () => {
  it.each([
    'https://chat.example.com/channels/inc-1',
    'http://bridge.example.com:8080/room?id=1#top',
    'HTTPS://Example.com/',
  ])('accepts %s', url => {
    expect(isHttpUrl(url)).toBe(true);
  });

  it.each([
    'javascript:alert(document.cookie)',
    'JavaScript:alert(1)',
    ' javascript:alert(1)',
    'java\nscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    'ftp://files.example.com/',
    '//chat.example.com/relative',
    '/firebreak/incidents/INC-1',
    'not a url',
    '',
  ])('refuses %j', url => {
    expect(isHttpUrl(url)).toBe(false);
  });
});

describe('httpUrl in a request body', () => {
  const body = z.object({
    links: z.array(z.object({ title: z.string(), url: httpUrl })),
  });

  it('answers 400 naming the field', () => {
    const bad = {
      links: [
        { title: 'Chat', url: 'https://chat.example.com/inc-1' },
        { title: 'Bridge', url: 'javascript:alert(1)' },
      ],
    };
    expect(() => parse(body, bad)).toThrow(InputError);
    expect(() => parse(body, bad)).toThrow(
      'links[1].url: must be an http or https URL',
    );
  });

  it('keeps an http(s) URL as given', () => {
    const good = {
      links: [{ title: 'Chat', url: 'https://chat.example.com' }],
    };
    expect(parse(body, good)).toEqual(good);
  });
});

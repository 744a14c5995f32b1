import * as assert from 'node:assert/strict';
import { cleanServerText, MAX_SERVER_MESSAGE_CHARS, parseErrorBody } from '../../src/core/client/errorBody';

const JSON_TYPE = 'application/json;charset=utf-8';

function errorResponseDto(messages: Array<{ locale: string; text: string }>): string {
  return JSON.stringify({
    detailCode: '400.1 Bad Request Content',
    trackingId: 'e7eab60924f64aa284175b9fa3309599',
    messages: messages.map((m) => ({ ...m, localeOrigin: 'DEFAULT' })),
    causes: [],
  });
}

describe('parseErrorBody', () => {
  it('reads ErrorResponseDto: message, detail code and tracking id', () => {
    const facts = parseErrorBody(400, JSON_TYPE, errorResponseDto([{ locale: 'en-US', text: 'The filter is invalid.' }]));
    assert.deepEqual(facts, {
      serverMessage: 'The filter is invalid.',
      detailCode: '400.1 Bad Request Content',
      trackingId: 'e7eab60924f64aa284175b9fa3309599',
    });
  });

  it("prefers the user's locale, then en-US, then any message", () => {
    const body = errorResponseDto([
      { locale: 'fr-FR', text: 'Filtre invalide.' },
      { locale: 'en-US', text: 'Invalid filter.' },
      { locale: 'de-DE', text: 'Ungültiger Filter.' },
    ]);
    assert.equal(parseErrorBody(400, JSON_TYPE, body, 'de-DE').serverMessage, 'Ungültiger Filter.');
    assert.equal(parseErrorBody(400, JSON_TYPE, body, 'de').serverMessage, 'Ungültiger Filter.');
    assert.equal(parseErrorBody(400, JSON_TYPE, body, 'ja-JP').serverMessage, 'Invalid filter.');
    assert.equal(parseErrorBody(400, JSON_TYPE, body).serverMessage, 'Invalid filter.');
    const noEnglish = errorResponseDto([{ locale: 'fr-FR', text: 'Filtre invalide.' }]);
    assert.equal(parseErrorBody(400, JSON_TYPE, noEnglish, 'ja').serverMessage, 'Filtre invalide.');
  });

  it('skips message entries that carry no text', () => {
    const body = JSON.stringify({ messages: [{ locale: 'en-US' }, 42, { locale: 'en-US', text: '  ' }, { text: 'Second.' }] });
    assert.equal(parseErrorBody(500, JSON_TYPE, body).serverMessage, 'Second.');
  });

  it('reads the 401 shape', () => {
    const facts = parseErrorBody(401, JSON_TYPE, '{"error":"JWT validation failed: JWT is expired"}');
    assert.deepEqual(facts, { serverMessage: 'JWT validation failed: JWT is expired' });
  });

  it('reads the OAuth shape, keeping the error as the detail code', () => {
    const facts = parseErrorBody(401, JSON_TYPE, '{"error":"invalid_client","error_description":"Bad credentials"}');
    assert.deepEqual(facts, { serverMessage: 'Bad credentials', detailCode: 'invalid_client' });
    assert.deepEqual(parseErrorBody(400, null, '{"error":"invalid_grant"}'), {
      serverMessage: 'invalid_grant',
      detailCode: 'invalid_grant',
    });
  });

  it('reads the 429 shape', () => {
    assert.deepEqual(parseErrorBody(429, JSON_TYPE, '{"message":" Rate Limit Exceeded "}'), {
      serverMessage: 'Rate Limit Exceeded',
    });
  });

  it('passes plain text through as one clean line', () => {
    assert.deepEqual(parseErrorBody(503, 'text/plain', 'Service\r\nUnavailable\u0007 '), { serverMessage: 'Service Unavailable' });
  });

  it('names an HTML page and its title instead of dumping markup', () => {
    const html = '<!DOCTYPE html><html><head><title>502 Bad Gateway &amp; more</title></head><body><h1>nginx</h1></body></html>';
    assert.deepEqual(parseErrorBody(502, 'text/html', html), {
      serverMessage: 'an HTML page, probably from a proxy: "502 Bad Gateway & more"',
    });
    assert.deepEqual(parseErrorBody(502, null, '<html><body>down</body></html>'), {
      serverMessage: 'an HTML page, probably from a proxy',
    });
  });

  it('says nothing for an empty body', () => {
    assert.deepEqual(parseErrorBody(500, JSON_TYPE, ''), {});
    assert.deepEqual(parseErrorBody(500, null, ' \n '), {});
  });

  it('says a JSON body was truncated instead of failing', () => {
    const truncated = errorResponseDto([{ locale: 'en-US', text: 'x' }]).slice(0, 30);
    assert.deepEqual(parseErrorBody(400, JSON_TYPE, truncated), { serverMessage: 'a malformed or truncated JSON body' });
  });

  it('ignores JSON that is not an object', () => {
    assert.deepEqual(parseErrorBody(500, JSON_TYPE, '[1,2]'), {});
    assert.deepEqual(parseErrorBody(500, JSON_TYPE, 'null'), {});
    assert.deepEqual(parseErrorBody(500, JSON_TYPE, '"plain words"'), { serverMessage: 'plain words' });
  });

  it('caps long messages and only inspects the start of a huge body', () => {
    const long = parseErrorBody(500, 'text/plain', 'a'.repeat(10_000)).serverMessage!;
    assert.equal(long.length, MAX_SERVER_MESSAGE_CHARS);
    assert.ok(long.endsWith('…'));
    const huge = `{"message":"${'b'.repeat(5 * 1024 * 1024)}"}`;
    assert.deepEqual(parseErrorBody(500, JSON_TYPE, huge), { serverMessage: 'an oversized JSON body' });
  });

  it('caps tracking ids and detail codes too', () => {
    const facts = parseErrorBody(400, JSON_TYPE, JSON.stringify({ trackingId: 'x'.repeat(1000), detailCode: 'y'.repeat(1000) }));
    assert.ok(facts.trackingId!.length <= 100);
    assert.ok(facts.detailCode!.length <= 100);
  });
});

describe('cleanServerText', () => {
  it('removes direction overrides and zero-width characters that could spoof the display', () => {
    assert.equal(cleanServerText('abc\u202Efdp.exe\u200B'), 'abcfdp.exe');
  });

  it('keeps Markdown link syntax from forming a clickable command', () => {
    assert.equal(cleanServerText('[Fix it](command:workbench.action.openSettings)'), '[Fix it] (command:workbench.action.openSettings)');
  });

  it('never cuts a surrogate pair in half', () => {
    const cut = cleanServerText(`${'a'.repeat(8)}😀😀`, 10);
    assert.equal(cut, `${'a'.repeat(8)}…`);
  });
});

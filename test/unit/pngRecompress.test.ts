// The Marketplace icon is stored re-compressed (scripts/pngRecompress.ts, called by renderIcon.ts): the same pixels
// in fewer bytes. A re-encoder that changed one pixel, or grew the file, must fail here.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { deflateSync } from 'node:zlib';
import { decodeRows, recompressPng } from '../../scripts/pngRecompress';

const ROOT = path.resolve(__dirname, '../../..');

/** A PNG of these RGBA rows, unfiltered and lightly deflated, as a fast encoder writes. */
function plainPng(width: number, rows: number[][]): Buffer {
  const chunk = (type: string, data: Buffer): Buffer => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length, 0);
    // The decoder does not check CRCs; a zero one keeps this fixture short.
    return Buffer.concat([length, Buffer.from(type, 'latin1'), data, Buffer.alloc(4)]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(rows.length, 4);
  header[8] = 8;
  header[9] = 6;
  const raw = Buffer.concat(rows.map((row) => Buffer.from([0, ...row])));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw, { level: 1 })), chunk('IEND', Buffer.alloc(0))]);
}

describe('PNG re-compression', () => {
  it('keeps every pixel of a gradient with transparency, whichever filter each row gets', () => {
    const width = 16;
    const rows = Array.from({ length: 16 }, (_, y) => Array.from({ length: width }, (_, x) => [x * 16, y * 16, (x * y) & 0xff, x < 2 ? 0 : 255]).flat());
    const original = plainPng(width, rows);
    const again = recompressPng(original);
    assert.deepEqual(decodeRows(again).rows.map((row) => [...row]), rows);
    assert.deepEqual(decodeRows(recompressPng(again)).rows.map((row) => [...row]), rows, 'a second pass decodes its own filters');
  });

  it('the icon in media/ is stored re-compressed, with the pixels it had', () => {
    const icon = readFileSync(path.join(ROOT, 'media/icon.png'));
    const again = recompressPng(icon);
    assert.deepEqual(decodeRows(again).rows, decodeRows(icon).rows);
    assert.ok(icon.length <= again.length, `media/icon.png is ${icon.length} B, re-compressed ${again.length} B: run node out/scripts/renderIcon.js`);
  });

  it('refuses what it cannot re-encode without loss instead of writing a broken picture', () => {
    assert.throws(() => recompressPng(Buffer.from('GIF89a')), /not a PNG/);
  });
});

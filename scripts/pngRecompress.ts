// Lossless re-compression of an 8-bit, non-interlaced PNG (what chromium's screenshots are): the same pixels in the
// smallest of a few filter and zlib choices. Chromium writes for speed; the Marketplace icon ships in every .vsix,
// so renderIcon.ts stores it this way (7,605 -> 5,076 B).
import { constants, crc32, deflateSync, inflateSync } from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Bytes per pixel by colour type (grey, RGB, grey+alpha, RGBA) at 8 bits a sample; a palette image is left alone. */
const CHANNELS: Record<number, number | undefined> = { 0: 1, 2: 3, 4: 2, 6: 4 };

interface Chunk {
  type: string;
  data: Buffer;
}

function chunksOf(png: Buffer): Chunk[] {
  if (!png.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG file');
  const chunks: Chunk[] = [];
  for (let offset = 8; offset < png.length; ) {
    const length = png.readUInt32BE(offset);
    chunks.push({ type: png.toString('latin1', offset + 4, offset + 8), data: png.subarray(offset + 8, offset + 8 + length) });
    offset += 12 + length;
  }
  return chunks;
}

function chunkBytes(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

function paeth(left: number, up: number, upLeft: number): number {
  const estimate = left + up - upLeft;
  const [toLeft, toUp, toUpLeft] = [Math.abs(estimate - left), Math.abs(estimate - up), Math.abs(estimate - upLeft)];
  return toLeft <= toUp && toLeft <= toUpLeft ? left : toUp <= toUpLeft ? up : upLeft;
}

/** The byte a filter predicts at `index` of a row, from the row so far and the (unfiltered) row above. */
function predicted(filter: number, row: Uint8Array, above: Uint8Array, index: number, pixelBytes: number): number {
  const left = index >= pixelBytes ? row[index - pixelBytes] : 0;
  const up = above[index];
  const upLeft = index >= pixelBytes ? above[index - pixelBytes] : 0;
  switch (filter) {
    case 0:
      return 0;
    case 1:
      return left;
    case 2:
      return up;
    case 3:
      return (left + up) >> 1;
    case 4:
      return paeth(left, up, upLeft);
    default:
      throw new Error(`unknown PNG filter ${filter}`);
  }
}

/** The image's raw rows, unfiltered. */
export function decodeRows(png: Buffer): { header: Buffer; pixelBytes: number; rows: Uint8Array[] } {
  const chunks = chunksOf(png);
  const header = chunks.find((chunk) => chunk.type === 'IHDR')?.data;
  if (header === undefined) throw new Error('PNG without IHDR');
  const [width, height, depth, colour, interlace] = [header.readUInt32BE(0), header.readUInt32BE(4), header[8], header[9], header[12]];
  const channels = CHANNELS[colour];
  if (depth !== 8 || channels === undefined || interlace !== 0) throw new Error('only 8-bit, non-interlaced PNGs are re-compressed');
  const pixelBytes = channels;
  const stride = width * pixelBytes;
  const data = inflateSync(Buffer.concat(chunks.filter((chunk) => chunk.type === 'IDAT').map((chunk) => chunk.data)));
  const rows: Uint8Array[] = [];
  let above: Uint8Array = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const filter = data[y * (stride + 1)];
    const row = new Uint8Array(data.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)));
    for (let index = 0; index < stride; index++) row[index] = (row[index] + predicted(filter, row, above, index, pixelBytes)) & 0xff;
    rows.push(row);
    above = row;
  }
  return { header: Buffer.from(header), pixelBytes, rows };
}

/** The rows with their filter bytes: one filter for every row, or (`adaptive`) each row's smallest by the usual heuristic. */
function filtered(rows: readonly Uint8Array[], pixelBytes: number, mode: number | 'adaptive'): Buffer {
  const parts: Buffer[] = [];
  let above: Uint8Array = new Uint8Array(rows[0]?.length ?? 0);
  for (const row of rows) {
    let best: Buffer | undefined;
    let bestCost = Infinity;
    for (const filter of mode === 'adaptive' ? [0, 1, 2, 3, 4] : [mode]) {
      const bytes = Buffer.alloc(row.length + 1);
      bytes[0] = filter;
      let cost = 0;
      for (let index = 0; index < row.length; index++) {
        const value = (row[index] - predicted(filter, row, above, index, pixelBytes)) & 0xff;
        bytes[index + 1] = value;
        cost += value < 128 ? value : 256 - value;
      }
      if (cost < bestCost) [best, bestCost] = [bytes, cost];
    }
    parts.push(best ?? Buffer.alloc(0));
    above = row;
  }
  return Buffer.concat(parts);
}

/**
 * The same pixels in the smallest of a few encodings, as optipng searches: each single filter and the adaptive choice,
 * each deflated at level 9 with zlib's default and its "filtered" strategy (a flat-coloured icon often packs best unfiltered).
 */
export function recompressPng(png: Buffer): Buffer {
  const { header, pixelBytes, rows } = decodeRows(png);
  let idat: Buffer | undefined;
  for (const mode of ['adaptive', 0, 1, 2, 3, 4] as const) {
    const data = filtered(rows, pixelBytes, mode);
    for (const strategy of [constants.Z_DEFAULT_STRATEGY, constants.Z_FILTERED]) {
      const packed = deflateSync(data, { level: 9, memLevel: 9, strategy });
      if (idat === undefined || packed.length < idat.length) idat = packed;
    }
  }
  // Ancillary chunks (chromium writes none that matter) are dropped: the picture is IHDR, IDAT and IEND.
  return Buffer.concat([SIGNATURE, chunkBytes('IHDR', header), chunkBytes('IDAT', idat ?? Buffer.alloc(0)), chunkBytes('IEND', Buffer.alloc(0))]);
}

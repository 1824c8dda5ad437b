import { crc32, deflateSync } from 'node:zlib';

/** One PNG chunk: length, type, data, CRC-32 of type and data. */
function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

type Rgb = readonly [number, number, number];

/**
 * A small synthetic insurance-card picture drawn in code (no photo of a real card, no text): a white card
 * with rounded corners on a grey table, a coloured band with a logo square, and grey bars where the member
 * id, group and plan lines would be. 8-bit RGB PNG, a few KiB.
 * @param band - the payer's colour, so different demo cards look different
 */
export function demoCardPhoto(band: Rgb = [24, 94, 160], width = 172, height = 108): Buffer {
  const table: Rgb = [206, 210, 214];
  const white: Rgb = [252, 252, 250];
  const bar: Rgb = [120, 126, 134];
  const pixel = (x: number, y: number): Rgb => {
    const m = 6;
    const inCard = x >= m && x < width - m && y >= m && y < height - m;
    if (!inCard) return table;
    // Rounded corners: outside a radius-8 circle at each corner is the table.
    const r = 8;
    const cx = x < m + r ? m + r : x >= width - m - r ? width - m - r - 1 : x;
    const cy = y < m + r ? m + r : y >= height - m - r ? height - m - r - 1 : y;
    if ((x - cx) ** 2 + (y - cy) ** 2 > r * r) return table;
    if (y < m + 24) return x >= m + 10 && x < m + 26 && y >= m + 4 && y < m + 20 ? white : band;
    const lines = [m + 38, m + 54, m + 70];
    for (const [i, top] of lines.entries()) if (y >= top && y < top + 6 && x >= m + 12 && x < m + 12 + (width - 2 * m - 24) * (0.8 - i * 0.2)) return bar;
    return white;
  };
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < width; x++) raw.set(pixel(x, y), row + 1 + x * 3);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit, truecolour, deflate, no filter variants, no interlace
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

// Evidence from the container's own structure that a file ends before its writer finished it, as a
// battery cut-off or an interrupted copy leaves it. Reads only a few header bytes per top-level
// element (boxes, chunks), never the media data:
// - MP4/MOV (ISO BMFF): a top-level box whose declared size runs past the end of the file, or no
//   'moov'/'moof' box at all (the index is written last, so a cut-off recording lacks it).
// - AVI (RIFF): a RIFF chunk whose declared size runs past the end of the file.
// - MPEG-TS/M2TS: a file that ends inside a 188/192-byte transport packet.
// Matroska has no such check here: ffprobe itself reports "File ended prematurely" for it.
import { open, type FileHandle } from 'node:fs/promises';

const BMFF_FIRST_BOXES = new Set(['ftyp', 'styp', 'moov', 'mdat', 'free', 'skip', 'wide', 'pnot', 'uuid', 'moof', 'sidx', 'meta']);

async function readAt(handle: FileHandle, offset: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, offset);
  return buffer.subarray(0, bytesRead);
}

async function bmffEarlyEnd(handle: FileHandle, size: number): Promise<string | null> {
  let offset = 0;
  let indexed = false;
  while (size - offset >= 8) {
    const header = await readAt(handle, offset, 16);
    const type = header.toString('latin1', 4, 8);
    if (!/^[\x20-\x7e]{4}$/.test(type)) return null;
    if (type === 'moov' || type === 'moof') indexed = true;
    let boxSize = header.readUInt32BE(0);
    if (boxSize === 1 && header.length >= 16) boxSize = Number(header.readBigUInt64BE(8));
    if (boxSize === 0) break; // "extends to the end of the file": nothing can follow it
    if (boxSize < 8) return null; // not a box structure we can judge
    if (boxSize > size - offset) {
      return `the '${type}' box at byte ${offset} declares ${boxSize} bytes but the file ends ${size - offset} bytes into it`;
    }
    offset += boxSize;
  }
  return indexed ? null : "the MP4 has no 'moov' box (the index a camera writes last when it stops recording)";
}

async function riffEarlyEnd(handle: FileHandle, size: number): Promise<string | null> {
  let offset = 0;
  while (size - offset >= 12) {
    const header = await readAt(handle, offset, 12);
    if (header.toString('latin1', 0, 4) !== 'RIFF') return null;
    const chunkSize = header.readUInt32LE(4);
    const form = header.toString('latin1', 8, 12);
    if (8 + chunkSize > size - offset) {
      return `the RIFF '${form.trim()}' chunk at byte ${offset} declares ${8 + chunkSize} bytes but the file ends ${size - offset} bytes into it`;
    }
    offset += 8 + chunkSize + (chunkSize % 2);
  }
  return null;
}

function transportPacketSize(start: Buffer): number | null {
  const syncedEvery = (packet: number, first: number) => [0, 1, 2].every((i) => start[first + i * packet] === 0x47);
  if (syncedEvery(188, 0)) return 188;
  if (syncedEvery(192, 4)) return 192;
  return null;
}

/** A sentence saying where the file ends early, or null when its structure shows no early end. */
export async function findEarlyEnd(file: string): Promise<string | null> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const start = await readAt(handle, 0, 3 * 192 + 4);
    if (start.length < 12) return null;
    if (start.toString('latin1', 0, 4) === 'RIFF') return await riffEarlyEnd(handle, size);
    if (BMFF_FIRST_BOXES.has(start.toString('latin1', 4, 8))) return await bmffEarlyEnd(handle, size);
    const packet = transportPacketSize(start);
    if (packet && size % packet !== 0) {
      return `the file ends ${size % packet} bytes into a ${packet}-byte transport packet`;
    }
    return null;
  } finally {
    await handle.close();
  }
}

// Footage for the ingest benchmark, generated once and cached under tests/fixtures/cache/bench/
// (git ignores it). Every item is built under a ".partial-<pid>" name and renamed when complete,
// so an item that exists is complete; a change of recipe gets a new versioned name.
//   large drive: one ~210 MB 1080p H.264 clip (keyframe every 2 s) plus 10 stream-copy remuxes
//                with another `comment` tag each, so all 11 files (~2.3 GB) differ in bytes.
//   long clip:   one hour of 320x180 video at 30 fps (108,000 frames), for the frame index.
//   small tree:  10,000 two-frame clips in a DCIM layout (100 day folders of 100 clips), copies
//                of one tiny MP4, each with a trailing `free` box holding its number.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { frameCodeFilter } from '../fixtures/frame-code.ts';

export const cacheDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/cache/bench');

export interface Footage {
  /** Absolute paths, in order. */
  files: string[];
  totalBytes: number;
  /** Seconds spent generating it in this run; null when it came from the cache. */
  generatedSeconds: number | null;
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(command, args, (error, _stdout, stderr) => (error ? reject(new Error(`${command} ${args.join(' ')}\n${stderr}`, { cause: error })) : resolve()));
  });
}

/** `final` is built by `build(partial)` unless it exists; returns the seconds spent, or null. */
export async function cached(final: string, build: (partial: string) => Promise<void>): Promise<number | null> {
  if (existsSync(final)) return null;
  await mkdir(path.dirname(final), { recursive: true });
  const { name, ext } = path.parse(final);
  const partial = path.join(path.dirname(final), `${name}.partial-${process.pid}${ext}`);
  const started = performance.now();
  try {
    await build(partial);
    await rename(partial, final);
  } finally {
    await rm(partial, { recursive: true, force: true });
  }
  return (performance.now() - started) / 1000;
}

async function footage(files: string[], generatedSeconds: number | null): Promise<Footage> {
  const sizes = await Promise.all(files.map(async (f) => (await stat(f)).size));
  return { files, totalBytes: sizes.reduce((a, b) => a + b, 0), generatedSeconds };
}

const x264 = ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-g', '60', '-keyint_min', '60', '-sc_threshold', '0'];

export async function largeDrive(): Promise<Footage> {
  const dir = path.join(cacheDir, 'large-drive-v1');
  const names = Array.from({ length: 11 }, (_, n) => `clip-${String(n).padStart(2, '0')}.mp4`);
  const seconds = await cached(dir, async (partial) => {
    await mkdir(partial);
    const first = path.join(partial, names[0]!);
    // 210 s at 8 Mbit/s: about 210 MB.
    const source = ['-f', 'lavfi', '-i', 'testsrc2=s=1920x1080:r=30', '-frames:v', '6300'];
    await run('ffmpeg', ['-nostdin', '-v', 'error', ...source, ...x264, '-b:v', '8M', '-maxrate', '8M', '-bufsize', '16M', '-metadata', 'comment=0', first]);
    for (let n = 1; n < names.length; n++) {
      await run('ffmpeg', ['-nostdin', '-v', 'error', '-i', first, '-map', '0', '-c', 'copy', '-metadata', `comment=${n}`, path.join(partial, names[n]!)]);
    }
  });
  return footage(names.map((n) => path.join(dir, n)), seconds);
}

export async function longClip(): Promise<Footage> {
  const file = path.join(cacheDir, 'long-clip-v1.mp4');
  const seconds = await cached(file, (partial) =>
    run('ffmpeg', ['-nostdin', '-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=s=320x180:r=30', '-frames:v', '108000', ...x264, '-b:v', '200k', '-f', 'mp4', partial]),
  );
  return footage([file], seconds);
}

/** DCIM/YYMMDD/PK4711_YYYYMMDD_HHMMSS_NNNN.MP4: 100 days from 2024-01-01, a clip every 5 min from 08:00. */
function dcimPath(day: number, clip: number): string {
  const date = new Date(Date.UTC(2024, 0, 1 + day)).toISOString().slice(0, 10).replace(/-/g, '');
  const minutes = 8 * 60 + clip * 5;
  const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}${String(minutes % 60).padStart(2, '0')}00`;
  return `DCIM/${date.slice(2)}/PK4711_${date}_${time}_${String(clip + 1).padStart(4, '0')}.MP4`;
}

/** An MP4 `free` box: players skip it, but it makes every copy's bytes (and hash) different. */
function freeBox(text: string): Buffer {
  const payload = Buffer.from(text);
  const header = Buffer.alloc(8);
  header.writeUInt32BE(8 + payload.length);
  header.write('free', 4);
  return Buffer.concat([header, payload]);
}

export async function smallTree(): Promise<Footage & { drive: string }> {
  const drive = path.join(cacheDir, 'small-tree-v1');
  const relative = Array.from({ length: 100 }, (_, day) => Array.from({ length: 100 }, (_, clip) => dcimPath(day, clip))).flat();
  const seconds = await cached(drive, async (partial) => {
    const tiny = path.join(partial, 'tiny.mp4');
    await mkdir(partial);
    await run('ffmpeg', ['-nostdin', '-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=s=160x90:r=30', '-frames:v', '2', ...x264, tiny]);
    const bytes = await readFile(tiny);
    await rm(tiny);
    for (const [n, file] of relative.entries()) {
      await mkdir(path.dirname(path.join(partial, file)), { recursive: true });
      await writeFile(path.join(partial, file), Buffer.concat([bytes, freeBox(`revier-bench ${n}`)]));
    }
  });
  return { ...(await footage(relative.map((f) => path.join(drive, f)), seconds)), drive };
}

/**
 * Drive of the player benchmark: one minute of 1080p H.264 at 30 fps with a keyframe every 2 s
 * (1,800 frames), every frame carrying its number as the fixture frame code.
 */
export async function playerDrive(): Promise<Footage & { drive: string }> {
  const drive = path.join(cacheDir, 'player-drive-v1');
  const name = 'player-1080p-gop60.mp4';
  const seconds = await cached(drive, async (partial) => {
    await mkdir(partial);
    await run('ffmpeg', ['-nostdin', '-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=s=1920x1080:r=30', '-frames:v', '1800', '-vf', frameCodeFilter(1920, 1080), ...x264, '-b:v', '8M', path.join(partial, name)]);
  });
  return { ...(await footage([path.join(drive, name)], seconds)), drive };
}

/**
 * Drive of the export benchmark: two minutes of 1080p H.264 at 30 fps (3,600 frames), a keyframe
 * every 60 frames, two B-frames, about 12 Mbit/s as a bodycam records, and stereo AAC (a tone on
 * the left, pink noise on the right). Encoding speed depends on the picture, so it is not a test
 * card: a camera pans and shakes over a textured scene (fractal colours under noise of three
 * scales, built once as a 4K still), a moving test pattern crosses it and a light grain changes
 * every pixel of every frame.
 */
export async function exportDrive(): Promise<Footage & { drive: string }> {
  const drive = path.join(cacheDir, 'export-drive-v1');
  const name = 'export-1080p-2min.mp4';
  const seconds = await cached(drive, async (partial) => {
    await mkdir(partial);
    const texture = path.join(partial, 'texture.png');
    const noise = (size: string, seed: number, after: string) => `life=s=${size}:ratio=0.5:random_seed=${seed}:mold=0,trim=end_frame=1,format=gray,${after}`;
    await run('ffmpeg', [
      '-nostdin', '-v', 'error', '-filter_complex',
      [
        `${noise('240x136', 11, 'scale=3840x2176:flags=bicubic')}[coarse]`,
        `${noise('960x544', 12, 'scale=3840x2176:flags=bicubic')}[middle]`,
        `${noise('3840x2176', 13, 'gblur=sigma=0.8')}[fine]`,
        'mandelbrot=s=3840x2176:maxiter=256:start_scale=3.5:end_scale=3.5,trim=end_frame=1,format=gbrp[colours]',
        "[coarse][middle]blend=all_expr='A*0.6+B*0.4'[blobs]",
        "[blobs][fine]blend=all_expr='A*0.75+B*0.25',format=gbrp[grain]",
        '[colours][grain]blend=all_mode=overlay,format=yuv444p',
      ].join(';'),
      '-frames:v', '1', texture,
    ]);
    // The still is decoded once and looped in memory; the crop window is the camera.
    const camera = "crop=1920:1080:x='960+800*sin(t/9)+24*sin(t*2.1)':y='540+420*sin(t/13+1)+16*sin(t*2.9)'";
    const pattern = "overlay=x='100+(W-w-200)*(0.5+0.5*sin(t/5))':y='80+(H-h-160)*(0.5+0.5*cos(t/7))'";
    await run('ffmpeg', [
      '-nostdin', '-v', 'error',
      '-framerate', '30', '-i', texture,
      '-f', 'lavfi', '-i', 'testsrc2=s=640x360:r=30',
      '-f', 'lavfi', '-i', 'sine=f=440:r=48000',
      '-f', 'lavfi', '-i', 'anoisesrc=r=48000:a=0.05:c=pink:seed=7',
      '-filter_complex',
      `[0:v]loop=loop=-1:size=1,setpts=N/30/TB,${camera},format=yuv420p[scene];[1:v]format=yuv420p[card];` +
        `[scene][card]${pattern},noise=alls=4:allf=t[v];[2:a][3:a]amerge=inputs=2,atrim=end=120[a]`,
      '-map', '[v]', '-map', '[a]', '-frames:v', '3600',
      '-c:v', 'libx264', '-preset', 'faster', '-profile:v', 'high', '-pix_fmt', 'yuv420p', '-b:v', '12M', '-maxrate', '16M', '-bufsize', '24M',
      '-g', '60', '-keyint_min', '60', '-sc_threshold', '0', '-bf', '2',
      '-c:a', 'aac', '-b:a', '128k', '-movflags', '+faststart',
      path.join(partial, name),
    ]);
    await rm(texture);
  });
  return { ...(await footage([path.join(drive, name)], seconds)), drive };
}

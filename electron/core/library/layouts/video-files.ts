// Which files on the station drive are video: by extension, without regard to case (cheap
// devices write '.AVI' and '.MP4'). A '._' file is the resource fork a Mac leaves beside each file
// it touched on a FAT or exFAT card, not video.

export const VIDEO_EXTENSIONS: readonly string[] = ['mp4', 'm4v', 'mov', 'mkv', 'ts', 'mts', 'm2ts', 'avi', 'mpg', 'mpeg', 'ps'];

const videoExtensions = new Set(VIDEO_EXTENSIONS);

export function isVideoFile(name: string): boolean {
  const dot = name.lastIndexOf('.');
  return dot > 0 && !name.startsWith('._') && videoExtensions.has(name.slice(dot + 1).toLowerCase());
}

// How many descriptors of this process have a file open (Linux /proc), to prove streams close it.
import { readdirSync, readlinkSync } from 'node:fs';

export function openDescriptors(file: string): number {
  return readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`) === file;
    } catch {
      return false;
    }
  }).length;
}

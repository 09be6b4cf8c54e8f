// The player's video.js instance: the HTML5 tech on our <video> element, none of video.js's own
// controls or key handling (the review keys are ours), and the frame controller as a video.js
// plugin so that it is disposed together with the player.
import './videojs-without-inline-styles.ts';
import videojs from 'video.js';
import type Player from 'video.js/dist/types/player';
import { FrameController, type FrameControllerOptions } from './frame-controller.ts';

const pluginName = 'revierFrames';

if (!videojs.getPlugin(pluginName)) {
  videojs.registerPlugin(pluginName, function (this: Player, options: Omit<FrameControllerOptions, 'video'>) {
    const video = this.tech(true).el() as HTMLVideoElement;
    const controller = new FrameController({ ...options, video });
    this.on('dispose', () => controller.dispose());
    return controller;
  });
}

/** video.js picks a source by asking canPlayType; Chromium answers "" for Matroska although it plays H.264 in it. */
function sourceType(mimeType: string): string {
  return mimeType === 'video/x-matroska' ? 'video/webm' : mimeType;
}

export interface VideoPlayer {
  player: Player;
  frames: FrameController;
}

export function createVideoPlayer(video: HTMLVideoElement, source: { url: string; mimeType: string }, options: Omit<FrameControllerOptions, 'video'>): VideoPlayer {
  const player = videojs(video, {
    controls: false,
    autoplay: false,
    preload: 'auto',
    loop: false,
    bigPlayButton: false,
    controlBar: false,
    textTrackDisplay: false,
    loadingSpinner: false,
    errorDisplay: false,
    posterImage: false,
    textTrackSettings: false,
    userActions: { click: false, doubleClick: false, hotkeys: false },
    noUITitleAttributes: true,
  });
  player.src({ src: source.url, type: sourceType(source.mimeType) });
  const frames = (player as unknown as Record<string, (o: typeof options) => FrameController>)[pluginName]?.(options);
  if (!frames) throw new Error('the frame plugin did not register');
  return { player, frames };
}

// Listening to one channel of a stereo recording (a body camera with two microphones, or a
// recording where one channel carries radio traffic): the chosen channel goes to both ears.
// Built on first use, from a user's choice, because browsers start audio contexts only then.
export const channelModes = ['both', 'left', 'right'] as const;
export type ChannelMode = (typeof channelModes)[number];

export class AudioChannels {
  readonly #video: HTMLVideoElement;
  #context: AudioContext | null = null;
  #splitter: ChannelSplitterNode | null = null;
  #merger: ChannelMergerNode | null = null;

  constructor(video: HTMLVideoElement) {
    this.#video = video;
  }

  select(mode: ChannelMode): void {
    if (mode === 'both' && !this.#context) return;
    if (!this.#context) {
      this.#context = new AudioContext();
      const source = this.#context.createMediaElementSource(this.#video);
      this.#splitter = this.#context.createChannelSplitter(2);
      this.#merger = this.#context.createChannelMerger(2);
      source.connect(this.#splitter);
      this.#merger.connect(this.#context.destination);
    }
    const splitter = this.#splitter as ChannelSplitterNode;
    const merger = this.#merger as ChannelMergerNode;
    splitter.disconnect();
    const [toLeft, toRight] = mode === 'both' ? [0, 1] : mode === 'left' ? [0, 0] : [1, 1];
    splitter.connect(merger, toLeft, 0);
    splitter.connect(merger, toRight, 1);
    void this.#context.resume();
  }

  dispose(): void {
    void this.#context?.close();
    this.#context = null;
  }
}

/**
 * Camera and microphone before the call: preview, device pickers, a mic level meter, and the
 * way out when there is no permission or no device (join listen-only, never a dead end).
 * The tracks are handed to the call so it does not ask for the devices a second time.
 */
import type { BrowserInfo } from '../../src/core/browsers.js';
import { el, t, type StringKey } from './ui.js';

export type DeviceStatus = 'ok' | 'denied' | 'none';

export class DevicePreview {
  stream: MediaStream | null = null;
  /** The chosen speaker (where the browser can choose one); the call plays through it. */
  speakerId: string | undefined;
  status: DeviceStatus = 'none';
  private readonly video = el('video', {
    muted: true,
    playsinline: true,
    autoplay: true,
    'aria-label': t('camera'),
  });
  private readonly meter = el('meter', { min: 0, max: 1, value: 0, 'aria-label': t('mic_level') });
  private readonly pickers = el('div', { class: 'pickers' });
  private readonly notes = el('div', { class: 'device-notes' });
  private audioContext: AudioContext | undefined;
  private frame = 0;
  /** Join with the mic / camera on? Remembered for the next call, as Meet does. */
  micOn = localStorage.getItem('callink:mic') !== 'off';
  cameraOn = localStorage.getItem('callink:camera') !== 'off';
  private readonly toggles = el('div', { class: 'media-toggles' });

  constructor(
    readonly root: HTMLElement,
    private readonly browser: BrowserInfo,
    private readonly onChange: () => void,
  ) {
    this.video.muted = true;
    root.append(
      el(
        'div',
        { class: 'preview' },
        this.video,
        el('span', { class: 'no-camera' }, t('camera_off')),
      ),
      this.toggles,
      this.meter,
      this.pickers,
      this.notes,
    );
  }

  get listenOnly(): boolean {
    return !this.stream || this.stream.getTracks().length === 0;
  }

  async start(): Promise<DeviceStatus> {
    this.status = await this.acquire({ audio: true, video: true });
    await this.render();
    return this.status;
  }

  private async acquire(constraints: MediaStreamConstraints): Promise<DeviceStatus> {
    const tries: MediaStreamConstraints[] = [constraints];
    if (constraints.audio && constraints.video)
      tries.push({ audio: constraints.audio }, { video: constraints.video });
    let denied = false;
    for (const attempt of tries) {
      try {
        this.setStream(await navigator.mediaDevices.getUserMedia(attempt));
        return 'ok';
      } catch (error) {
        const name = error instanceof Error ? error.name : '';
        // Denied covers both the person's "Block" and a policy; no use trying the others.
        if (name === 'NotAllowedError' || name === 'SecurityError') {
          denied = true;
          break;
        }
      }
    }
    this.setStream(null);
    return denied ? 'denied' : 'none';
  }

  private setStream(stream: MediaStream | null): void {
    this.stopTracks();
    this.stream = stream;
    this.video.srcObject = stream && stream.getVideoTracks().length > 0 ? stream : null;
    this.root.classList.toggle('has-video', Boolean(stream?.getVideoTracks().length));
    this.watchLevel();
  }

  private watchLevel(): void {
    cancelAnimationFrame(this.frame);
    const track = this.stream?.getAudioTracks()[0];
    this.meter.hidden = !track;
    if (!track || typeof AudioContext !== 'function') return;
    this.audioContext ??= new AudioContext();
    void this.audioContext.resume().catch(() => undefined);
    const analyser = this.audioContext.createAnalyser();
    analyser.fftSize = 512;
    this.audioContext.createMediaStreamSource(new MediaStream([track])).connect(analyser);
    const samples = new Uint8Array(analyser.fftSize);
    const tick = () => {
      analyser.getByteTimeDomainData(samples);
      let peak = 0;
      for (const s of samples) peak = Math.max(peak, Math.abs(s - 128) / 128);
      this.meter.value = Math.min(1, peak * 2);
      this.frame = requestAnimationFrame(tick);
    };
    tick();
  }

  private async render(): Promise<void> {
    this.notes.replaceChildren();
    if (this.status === 'denied') {
      const family = this.browser.ios ? 'ios' : this.browser.family;
      const help = `perm_help_${family === 'other' ? 'other' : family}` as StringKey;
      this.notes.append(
        el('p', { class: 'warn' }, t('perm_denied')),
        el('p', {}, t(help)),
        el('p', {}, t('listen_only_note')),
      );
    } else if (this.status === 'none') {
      this.notes.append(el('p', { class: 'warn' }, t('no_devices')));
    }
    await this.renderPickers();
    this.renderToggles();
    this.onChange();
  }

  /** "Microphone on" / "Camera on" switches; off keeps the device but sends nothing. */
  private renderToggles(): void {
    const make = (kind: 'mic' | 'camera') => {
      const on = kind === 'mic' ? this.micOn : this.cameraOn;
      const tracks = kind === 'mic' ? this.stream?.getAudioTracks() : this.stream?.getVideoTracks();
      if (!tracks?.length) return null;
      for (const track of tracks) track.enabled = on;
      return el(
        'button',
        {
          type: 'button',
          class: on ? 'toggle on' : 'toggle off',
          'aria-pressed': on ? 'true' : 'false',
          onclick: () => {
            if (kind === 'mic') this.micOn = !this.micOn;
            else this.cameraOn = !this.cameraOn;
            localStorage.setItem(
              `callink:${kind}`,
              (kind === 'mic' ? this.micOn : this.cameraOn) ? 'on' : 'off',
            );
            this.renderToggles();
            this.toggles.querySelector<HTMLButtonElement>(`[data-kind="${kind}"]`)?.focus();
          },
          'data-kind': kind,
        },
        t(kind === 'mic' ? 'mic_on_start' : 'camera_on_start'),
      );
    };
    this.toggles.replaceChildren(...[make('mic'), make('camera')].filter((b) => b !== null));
    this.root.classList.toggle('camera-paused', !this.cameraOn);
  }

  private async renderPickers(): Promise<void> {
    this.pickers.replaceChildren();
    if (!this.stream) return;
    const devices = await navigator.mediaDevices.enumerateDevices().catch(() => []);
    const picker = (kind: MediaDeviceKind, label: string, currentId?: string) => {
      const list = devices.filter((d) => d.kind === kind && d.deviceId);
      if (list.length === 0) return;
      const id = `pick-${kind}`;
      const select = el(
        'select',
        {
          id,
          onchange: () =>
            kind === 'audiooutput'
              ? (this.speakerId = select.value)
              : void this.switchTo(kind, select.value),
        },
        ...list.map((d, i) => el('option', { value: d.deviceId }, d.label || `${label} ${i + 1}`)),
      );
      if (currentId) select.value = currentId;
      this.pickers.append(el('label', { for: id }, label), select);
    };
    picker('videoinput', t('camera'), this.stream.getVideoTracks()[0]?.getSettings().deviceId);
    picker('audioinput', t('microphone'), this.stream.getAudioTracks()[0]?.getSettings().deviceId);
    // Speaker choice needs setSinkId (not Safari or Firefox on every version): a limit otherwise.
    if ('setSinkId' in HTMLMediaElement.prototype) {
      picker('audiooutput', t('speaker'), this.speakerId);
    }
  }

  private async switchTo(kind: MediaDeviceKind, deviceId: string): Promise<void> {
    const want = { deviceId: { exact: deviceId } };
    const keepAudio =
      kind === 'videoinput' ? this.stream?.getAudioTracks()[0]?.getSettings().deviceId : undefined;
    const keepVideo =
      kind === 'audioinput' ? this.stream?.getVideoTracks()[0]?.getSettings().deviceId : undefined;
    const constraints: MediaStreamConstraints = {
      audio: kind === 'audioinput' ? want : keepAudio ? { deviceId: { exact: keepAudio } } : false,
      video: kind === 'videoinput' ? want : keepVideo ? { deviceId: { exact: keepVideo } } : false,
    };
    this.status = await this.acquire(constraints);
    await this.render();
  }

  /** Hands the live tracks to the call; the preview lets go of them without stopping them. */
  takeTracks(): MediaStreamTrack[] {
    cancelAnimationFrame(this.frame);
    void this.audioContext?.close().catch(() => undefined);
    const tracks = this.stream?.getTracks() ?? [];
    // Handed over as switched: what is off stays disabled until the call publishes it muted,
    // and LiveKit's unmute enables it.
    this.stream = null;
    this.video.srcObject = null;
    return tracks;
  }

  private stopTracks(): void {
    for (const track of this.stream?.getTracks() ?? []) track.stop();
  }

  stop(): void {
    cancelAnimationFrame(this.frame);
    this.stopTracks();
    this.stream = null;
  }
}

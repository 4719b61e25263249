/** Connection quality as bars with a spoken label (LiveKit's hook; its icon has no name). */
import { useConnectionQualityIndicator } from '@livekit/components-react';
import { ConnectionQuality, type Participant } from 'livekit-client';
import { t, type StringKey } from '../../join/ui.js';

const LABEL: Record<ConnectionQuality, StringKey> = {
  [ConnectionQuality.Excellent]: 'quality_excellent',
  [ConnectionQuality.Good]: 'quality_good',
  [ConnectionQuality.Poor]: 'quality_poor',
  [ConnectionQuality.Lost]: 'quality_lost',
  [ConnectionQuality.Unknown]: 'quality_unknown',
};

const BARS: Record<ConnectionQuality, number> = {
  [ConnectionQuality.Excellent]: 3,
  [ConnectionQuality.Good]: 2,
  [ConnectionQuality.Poor]: 1,
  [ConnectionQuality.Lost]: 0,
  [ConnectionQuality.Unknown]: 0,
};

export function Quality({ participant }: { participant: Participant }) {
  const { quality } = useConnectionQualityIndicator({ participant });
  const bars = BARS[quality];
  return (
    <span className="quality" data-quality={quality} role="img" aria-label={t(LABEL[quality])}>
      <svg viewBox="0 0 12 12" width="14" height="14" aria-hidden="true">
        {[0, 1, 2].map((i) => (
          <rect
            key={i}
            x={i * 4 + 0.5}
            y={8 - i * 3}
            width="3"
            height={4 + i * 3}
            rx="0.5"
            opacity={i < bars ? 1 : 0.3}
          />
        ))}
      </svg>
    </span>
  );
}

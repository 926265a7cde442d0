import '@mantine/charts/styles.css';
import { AreaChart } from '@mantine/charts';
import { formatNumber } from '../../../app/format';

export interface SizePoint {
  day: string;
  size: number;
}

export interface EditMarker {
  day: string;
  label: string;
}

/**
 * The size per day as an area chart with a vertical marker at each edit (loaded on its own:
 * recharts stays out of every bundle but this one).
 */
export function SegmentSizeChart({
  points,
  markers,
}: {
  points: readonly SizePoint[];
  markers: readonly EditMarker[];
}) {
  return (
    <AreaChart
      h={220}
      data={[...points]}
      dataKey="day"
      series={[{ name: 'size', label: 'Members', color: 'blue.6' }]}
      curveType="stepAfter"
      withDots={points.length <= 31}
      valueFormatter={formatNumber}
      yAxisProps={{ allowDecimals: false }}
      referenceLines={markers.map((marker) => ({
        x: marker.day,
        label: marker.label,
        color: 'orange.6',
        labelPosition: 'insideTopRight' as const,
      }))}
    />
  );
}

export default SegmentSizeChart;

import { Table, Text } from '@mantine/core';

export interface BarSeries {
  label: string;
  /** Bar colour, with enough contrast against white for WCAG 1.4.11 (3:1). */
  colour: string;
}

/**
 * A bar chart that is also a table: the screen reader reads labels and numbers, the eye sees bars
 * (each bar's width relative to the largest value of its series). Works at 375 px.
 */
export function BarChart({ caption, rows, series }: { caption: string; rows: { label: string; values: number[] }[]; series: BarSeries[] }) {
  const max = series.map((_, i) => Math.max(1, ...rows.map((r) => r.values[i] ?? 0)));
  if (!rows.length) return <Text c="dimmed">{caption}: данных нет.</Text>;
  return (
    <Table className="bar-chart" verticalSpacing={4} captionSide="top" aria-label={caption}>
      <Table.Caption>{caption}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col"></Table.Th>
          {series.map((s) => (
            <Table.Th scope="col" key={s.label}>
              {s.label}
            </Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={r.label}>
            <Table.Th scope="row" fw={400}>
              {r.label}
            </Table.Th>
            {series.map((s, i) => (
              <Table.Td key={s.label} className="bar-cell">
                <span className="bar" style={{ width: `${((r.values[i] ?? 0) / max[i]!) * 100}%`, background: s.colour }} aria-hidden="true" />
                <span className="bar-value">{r.values[i] ?? 0}</span>
              </Table.Td>
            ))}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDefinition } from './parse-definition.util';
import { renderMermaid } from './render-mermaid.util';

describe('renderMermaid', () => {
  it('draws stages, events, deadlines and parallel regions of the RCC declaration', () => {
    const result = parseDefinition(readFileSync(join(__dirname, '../../../workflows/rcc-declaration.yaml'), 'utf8'));
    if (!result.ok) throw new Error('shipped definition invalid');
    const diagram = renderMermaid(result.definition);
    expect(diagram.startsWith('stateDiagram-v2\n  [*] --> drafting\n')).toBe(true);
    expect(diagram).toContain('proposals --> wg_decision : deadline passed');
    expect(diagram).toContain('wg_decision --> declaration_drafting : DECIDE (endorsed)');
    expect(diagram).toMatch(/state after_board \{[\s\S]*\[\*\] --> open_endorsement[\s\S]*--\n[\s\S]*\[\*\] --> high_level_event[\s\S]*\}/);
    expect(diagram).toContain('after_board --> completed : all regions done');
    expect(diagram).toContain('completed --> [*]');
  });
});

import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A paragraph of one version. `paragraphId` is stable across versions: the same paragraph, kept or edited. */
@Entity('text_paragraphs')
export class TextParagraph {
  @PrimaryColumn('uuid', { name: 'version_id' })
  versionId: string;

  /** 1-based position in its version. */
  @PrimaryColumn('integer')
  position: number;

  @Column('uuid', { name: 'paragraph_id' })
  paragraphId: string;

  @Column('text')
  text: string;
}

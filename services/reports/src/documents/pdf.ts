import PdfPrinter from 'pdfmake';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';

/**
 * PDF through pdfmake with the Roboto it ships (its glyphs cover Cyrillic), embedded and subset by
 * pdfkit, so every reader shows the Russian text without fonts of its own.
 */
const vfsModule = require('pdfmake/build/vfs_fonts.js') as { pdfMake?: { vfs: Record<string, string> } } & Record<string, string>;
const vfs: Record<string, string> = vfsModule.pdfMake?.vfs ?? vfsModule;
const font = (file: string) => {
  const data = vfs[file];
  if (!data) throw new Error(`pdfmake's vfs has no ${file}`);
  return Buffer.from(data, 'base64');
};

const printer = new PdfPrinter({
  Roboto: {
    normal: font('Roboto-Regular.ttf'),
    bold: font('Roboto-Medium.ttf'),
    italics: font('Roboto-Italic.ttf'),
    bolditalics: font('Roboto-MediumItalic.ttf'),
  },
});

export function renderPdf(doc: TDocumentDefinitions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const pdf = printer.createPdfKitDocument({
      defaultStyle: { font: 'Roboto', fontSize: 10 },
      ...doc,
      info: { creator: 'Точка роста — Щербиновский район', ...doc.info },
    });
    const chunks: Buffer[] = [];
    pdf.on('data', (c: Buffer) => chunks.push(c));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
    pdf.end();
  });
}

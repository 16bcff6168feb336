import { PDF_CONTENT_TYPE, RenderedDocument, XLSX_CONTENT_TYPE } from '@tochka/contracts';

/** A rendered file as it travels to the gateway: Russian name, content type, base64 bytes. */
export function xlsxFile(fileName: string, bytes: Buffer | ArrayBuffer): RenderedDocument {
  return { fileName: `${fileName}.xlsx`, contentType: XLSX_CONTENT_TYPE, data: Buffer.from(bytes as ArrayBuffer).toString('base64') };
}

export function pdfFile(fileName: string, bytes: Buffer): RenderedDocument {
  return { fileName: `${fileName}.pdf`, contentType: PDF_CONTENT_TYPE, data: bytes.toString('base64') };
}

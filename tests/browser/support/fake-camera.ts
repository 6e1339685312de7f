import { writeFileSync } from 'node:fs';
import bwipjs from 'bwip-js';

/**
 * A video file for Chromium's fake camera (`--use-file-for-fake-video-capture`) showing one EAN-13,
 * so the camera scanning path runs against a real decoder. Y4M is raw 4:2:0 video: a header, then
 * one frame (Chromium loops it) of luma and two flat chroma planes. The bars come from bwip-js's
 * module widths, drawn straight into the luma plane.
 */
export function writeBarcodeVideo(path: string, ean13: string): void {
  const width = 640;
  const height = 480;
  const [symbol] = bwipjs.raw({ bcid: 'ean13', text: ean13 }) as Array<{ sbs: number[] }>;
  if (!symbol) throw new Error('bwip-js drew nothing');
  const modulePx = 4;
  const totalModules = symbol.sbs.reduce((sum, w) => sum + w, 0);
  const luma = Buffer.alloc(width * height, 235);
  let x = Math.floor((width - totalModules * modulePx) / 2);
  symbol.sbs.forEach((modules, index) => {
    const span = modules * modulePx;
    if (index % 2 === 0) {
      for (let row = 140; row < 340; row++) luma.fill(16, row * width + x, row * width + x + span);
    }
    x += span;
  });
  const chroma = Buffer.alloc((width / 2) * (height / 2), 128);
  writeFileSync(
    path,
    Buffer.concat([
      Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\nFRAME\n`),
      luma,
      chroma,
      chroma,
    ]),
  );
}

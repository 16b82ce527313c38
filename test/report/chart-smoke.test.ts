import { createCanvas, loadImage } from "canvas";
import { ChartJSNodeCanvas } from "chartjs-node-canvas";
import { describe, expect, it } from "vitest";

/** PNG width and height from the IHDR chunk (bytes 16-23). */
function pngSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe("chart rendering through chartjs-node-canvas with canvas aliased to @napi-rs/canvas", () => {
  it("renderToBufferSync draws a line chart into a PNG of the requested size with non-background pixels", async () => {
    const canvas = new ChartJSNodeCanvas({ width: 400, height: 200, backgroundColour: "white" });
    const png = canvas.renderToBufferSync({
      type: "line",
      data: { labels: ["0", "1", "2", "3"], datasets: [{ label: "visible", data: [0, 5, 2, 8], borderColor: "#1f77b4" }] },
      options: { animation: false, plugins: { legend: { display: true } } },
    });
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(pngSize(png)).toEqual({ width: 400, height: 200 });
    // Decode it again and count pixels that are not the white background.
    const image = await loadImage(png);
    const ctx = createCanvas(400, 200).getContext("2d");
    ctx.drawImage(image, 0, 0);
    const { data } = ctx.getImageData(0, 0, 400, 200);
    let drawn = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i]! < 250 || data[i + 1]! < 250 || data[i + 2]! < 250) drawn++;
    expect(drawn).toBeGreaterThan(400);
  });
});

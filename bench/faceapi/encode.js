// face-api's own pipeline (SSD MobileNet v1, 68 landmarks, descriptor) on JPEG photos, one process.
//   node encode.js PHOTO... -> {"images": n, "faces": n, "seconds": s}  (seconds after the models are loaded)
const fs = require('fs');
const path = require('path');
const jpeg = require('jpeg-js');
const tf = require('@tensorflow/tfjs');
require('@tensorflow/tfjs-backend-wasm');
const faceapi = require('@vladmandic/face-api/dist/face-api.node-wasm.js');

async function main() {
  const files = process.argv.slice(2);
  await tf.setBackend('wasm');
  await tf.ready();
  const models = path.join(path.dirname(require.resolve('@vladmandic/face-api/package.json')), 'model');
  await faceapi.nets.ssdMobilenetv1.loadFromDisk(models);
  await faceapi.nets.faceLandmark68Net.loadFromDisk(models);
  await faceapi.nets.faceRecognitionNet.loadFromDisk(models);
  const options = new faceapi.SsdMobilenetv1Options({ minConfidence: 0.5 });
  let faces = 0;
  const start = Date.now();
  for (const file of files) {
    const image = jpeg.decode(fs.readFileSync(file), { useTArray: true, formatAsRGBA: false, maxMemoryUsageInMB: 2048 });
    const tensor = tf.tensor3d(image.data, [image.height, image.width, 3], 'int32');
    const found = await faceapi.detectAllFaces(tensor, options).withFaceLandmarks().withFaceDescriptors();
    faces += found.length;
    tensor.dispose();
  }
  console.log(JSON.stringify({ images: files.length, faces, seconds: (Date.now() - start) / 1000 }));
}

main().catch((e) => { console.error(e); process.exit(1); });

// Writes face-api's own network outputs for fixed synthetic inputs, the yardstick of our ONNX port.
//   cd tools/faceapi-reference && npm install && node make_reference.js ../../tests/FaceClustering.Tests/Fixtures/faceapi
// The inputs come from pattern() below, which the C# tests reproduce exactly (integers only).
const fs = require('fs');
const path = require('path');
const tf = require('@tensorflow/tfjs');
require('@tensorflow/tfjs-backend-wasm');
const faceapi = require('@vladmandic/face-api/dist/face-api.node-wasm.js');

// An RGB image of integers 0..255 with edges and texture, the same in C# (FaceApiReferenceTests.Pattern).
function pattern(size, seed) {
  const data = new Int32Array(size * size * 3);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      for (let c = 0; c < 3; c++) {
        const v = ((x * (3 + c)) ^ (y * (5 + seed))) + ((x * y) >> 4) + ((((x >> 4) + (y >> 4) + seed) & 1) * 96);
        data[(y * size + x) * 3 + c] = v & 255;
      }
    }
  }
  return tf.tensor4d(data, [1, size, size, 3], 'int32');
}

const round = (values) => Array.from(values, (v) => Number(v.toPrecision(8)));

async function main() {
  const out = process.argv[2] || '.';
  const modelDir = path.join(path.dirname(require.resolve('@vladmandic/face-api/package.json')), 'model');
  await tf.setBackend('wasm');
  await tf.ready();
  await faceapi.nets.faceRecognitionNet.loadFromDisk(modelDir);
  await faceapi.nets.faceLandmark68Net.loadFromDisk(modelDir);
  await faceapi.nets.ssdMobilenetv1.loadFromDisk(modelDir);

  const result = { faceapi: faceapi.version, tfjs: tf.version_core, backend: tf.getBackend(), descriptor: [], landmarks: [], ssd: [] };
  for (const seed of [1, 2]) {
    const input = pattern(150, seed);
    const output = await faceapi.nets.faceRecognitionNet.forward(input);
    result.descriptor.push({ seed, size: 150, output: round(await output.data()) });
  }
  for (const seed of [3, 4]) {
    const input = pattern(112, seed);
    const netInput = await faceapi.toNetInput(input);
    const output = faceapi.nets.faceLandmark68Net.runNet(netInput); // raw outputs, relative to the 112 square
    result.landmarks.push({ seed, size: 112, output: round(await output.data()) });
  }
  {
    const seed = 5;
    const input = pattern(512, seed);
    const netInput = await faceapi.toNetInput(input);
    const { boxes, scores } = faceapi.nets.ssdMobilenetv1.forwardInput(netInput);
    result.ssd.push({ seed, size: 512, boxes: round(await boxes[0].data()), scores: round(await scores[0].data()) });
  }
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, 'reference.json'), JSON.stringify(result));
  console.log(`wrote ${path.join(out, 'reference.json')} (face-api ${result.faceapi}, tfjs ${result.tfjs}, ${result.backend})`);
}

main().catch((e) => { console.error(e); process.exit(1); });

// The one webpack set-up of every service bundle (dist/apps/<name>/main.js and any
// extra entry points, e.g. the integrations workers).
const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join } = require('node:path');

module.exports = function serviceWebpackConfig(name, additionalEntryPoints = []) {
  return {
    output: { path: join(__dirname, '../../dist/apps', name), clean: true },
    plugins: [
      new NxAppWebpackPlugin({
        target: 'node',
        compiler: 'tsc',
        main: './src/main.ts',
        additionalEntryPoints,
        tsConfig: './tsconfig.app.json',
        optimization: false,
        outputHashing: 'none',
        generatePackageJson: false,
        sourceMap: true,
        typeCheck: false,
      }),
    ],
  };
};

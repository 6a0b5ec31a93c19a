// The one webpack recipe for every Node bundle (services and the simulator): TypeScript through
// tsc (Nest DI needs decorator metadata), node_modules left external, output under dist/<root>.
const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join, relative } = require('path');

module.exports = function serviceWebpack(projectDir) {
  const workspace = join(__dirname, '..', '..');
  return {
    output: { path: join(workspace, 'dist', relative(workspace, projectDir)), clean: true },
    plugins: [
      new NxAppWebpackPlugin({
        target: 'node',
        compiler: 'tsc',
        main: './src/main.ts',
        tsConfig: './tsconfig.app.json',
        optimization: false,
        outputHashing: 'none',
        generatePackageJson: false,
        sourceMap: true,
      }),
    ],
  };
};

import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * Vite build for the Wuxing web app. Vendor code is split so the login page loads React and the
 * few Ant Design parts it uses, while ECharts stays in its own chunk for the pages that draw charts.
 */
export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    // WUXING_API points the dev proxy at another server, e.g. http://localhost:3100.
    proxy: { '/api': { target: process.env.WUXING_API ?? 'http://localhost:3000', changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 900,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            {
              name: 'react',
              test: /node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom)[\\/]/,
              priority: 30,
            },
            { name: 'query', test: /node_modules[\\/]@tanstack[\\/]/, priority: 25 },
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/, priority: 20 },
            {
              name: 'antd-core',
              test: /node_modules[\\/](@ant-design[\\/](cssinjs|cssinjs-utils|colors|fast-color)|@emotion|@babel[\\/]runtime|@rc-component[\\/]util|classnames|dayjs)[\\/]/,
              priority: 15,
            },
          ],
        },
      },
    },
  },
});

import '@ant-design/v5-patch-for-react-19';
import 'antd/dist/reset.css';
import './common/ui/app.css';
import { createRoot } from 'react-dom/client';
import { App } from './app';

const root = document.getElementById('root');
if (root) createRoot(root).render(<App />);

import { ShopifyPage } from '../shopify/shopify-page.tsx';
import { LabelsPage } from './labels-page.tsx';
import { ProductEditPage } from './product-edit-page.tsx';
import { ProductsPage } from './products-page.tsx';
import { SalesHistoryPage } from './sales-history-page.tsx';
import { SettingsPage } from './settings-page.tsx';
import { StaffPage } from './staff-page.tsx';
import { StockPage } from './stock-page.tsx';

export function BackOfficeRoutes(props: { path: string }) {
  const rest = props.path.replace(/^\/back-office\/?/, '');
  const [section, id] = rest.split('/');
  switch (section) {
    case 'products':
      return id ? (
        <ProductEditPage productId={id === 'new' ? null : decodeURIComponent(id)} />
      ) : (
        <ProductsPage />
      );
    case 'labels':
      return <LabelsPage />;
    case 'stock':
      return <StockPage />;
    case 'sales':
      return <SalesHistoryPage />;
    case 'staff':
      return <StaffPage />;
    case 'settings':
      return <SettingsPage />;
    case 'shopify':
      return <ShopifyPage />;
    default:
      return <ProductsPage />;
  }
}

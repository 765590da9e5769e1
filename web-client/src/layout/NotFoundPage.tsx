import { Link } from 'react-router';
import { useTitle } from '../common/useTitle';

export function NotFoundPage() {
  useTitle('Not found');
  return (
    <div>
      <h1 className="page-title">Nothing here</h1>
      <p>This page doesn't exist. <Link to="/">Go home</Link></p>
    </div>
  );
}

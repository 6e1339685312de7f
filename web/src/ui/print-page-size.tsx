/**
 * How this page prints. Labels ask for A4. Receipts and Z reports ask only for no margins: the till's
 * printer paper is the 80 mm roll already, and CSS has no "as long as the content" page height (a fixed
 * one would waste paper or cut a long receipt), so the receipt itself is laid out 80 mm wide.
 * Rendered only while the page is shown, so each print view asks for its own paper.
 */
export function PrintPageSize(props: { size?: 'A4' }) {
  return <style>{`@page { ${props.size ? `size: ${props.size}; ` : ''}margin: 0; }`}</style>;
}

import { StepHeading } from './StepHeading';

/** The screen's h1 with its one-line purpose. */
export function ScreenHeading({ title, intro }: { title: string; intro?: string }) {
  return (
    <header className="screen-heading">
      <StepHeading level={1}>{title}</StepHeading>
      {intro && <p className="intro">{intro}</p>}
    </header>
  );
}

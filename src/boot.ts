// The page is already painted from prerendered HTML. Load the app only after that first paint, so
// its download and start-up never stand between the reader and the story, and start it in steps,
// each its own task, so no single task keeps the page from answering input.
import './styles/global.css'

const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0))

async function start() {
  await nextTask()
  await import('react-dom/client')
  await nextTask()
  await import('./main')
}

requestAnimationFrame(() => void start())

'use client';

import { NameForm } from '@taskomask/ui/form-fields';
import { EmptyState } from '@taskomask/ui/states';
import Link from 'next/link';
import { explain, type Workspace } from '@/lib/api';
import { createBoard, createProject } from './workspace-commands';

type Project = Workspace['projects'][number];

function ProjectCard({
  workspaceId,
  project,
  editor,
  refresh,
}: {
  workspaceId: string;
  project: Project;
  editor: boolean;
  refresh: () => Promise<unknown>;
}) {
  return (
    <article className="panel p-4">
      <h3 className="font-semibold">{project.name}</h3>
      {project.description ? <p className="text-sm text-slate-500">{project.description}</p> : null}
      <ul className="mt-3 flex flex-wrap gap-2">
        {project.boards.length === 0 ? (
          <li className="text-sm text-slate-500">No boards yet.</li>
        ) : null}
        {project.boards.map((board) => (
          <li key={board.boardId}>
            <Link
              href={`/boards/${board.boardId}`}
              className="inline-flex rounded-lg border border-slate-200 bg-slate-50 px-3 py-2 text-sm font-medium hover:border-brand-500 dark:border-slate-700 dark:bg-slate-800"
            >
              {board.name}
            </Link>
          </li>
        ))}
      </ul>
      {editor ? (
        <div className="mt-3">
          <NameForm
            label="Create board"
            placeholder="Board name"
            describeError={explain}
            submit={async ({ name }) => {
              await createBoard(workspaceId, project.projectId, name);
              await refresh();
            }}
          />
        </div>
      ) : null}
    </article>
  );
}

/** The workspace's projects with their boards; editors create projects and boards. */
export function WorkspaceProjects({
  workspaceId,
  projects,
  editor,
  refresh,
}: {
  workspaceId: string;
  projects: readonly Project[];
  editor: boolean;
  refresh: () => Promise<unknown>;
}) {
  return (
    <section aria-label="Projects" className="space-y-4">
      <h2 className="text-lg font-semibold">Projects</h2>
      {projects.length === 0 ? (
        <EmptyState title="No projects yet">
          {editor
            ? 'A project groups boards. Create the first one below.'
            : 'Nothing to see here yet.'}
        </EmptyState>
      ) : null}
      {projects.map((project) => (
        <ProjectCard
          key={project.projectId}
          workspaceId={workspaceId}
          project={project}
          editor={editor}
          refresh={refresh}
        />
      ))}
      {editor ? (
        <div className="panel p-4">
          <h3 className="mb-2 text-sm font-semibold">New project</h3>
          <NameForm
            label="Create project"
            placeholder="Project name"
            withDescription
            describeError={explain}
            submit={async ({ name, description }) => {
              await createProject(workspaceId, { name, ...(description ? { description } : {}) });
              await refresh();
            }}
          />
        </div>
      ) : null}
    </section>
  );
}
